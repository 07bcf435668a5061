using System.Text.Json.Serialization;
using Flireo.Tools.Async;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Redis;

/// <summary>Serialises stored calls for Redis.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(ToolWorkItem))]
[JsonSerializable(typeof(RedisStoredItem))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;

/// <summary>Reads a stored call, including one stored by an earlier version with <c>messageJson</c> in place of <c>contextJson</c>.</summary>
internal sealed record RedisStoredItem
{
    public required string ToolName { get; init; }

    public required string ToolCallId { get; init; }

    public string? CallId { get; init; }

    public required string ArgumentsJson { get; init; }

    public string? ContextJson { get; init; }

    // Earlier versions stored the raw webhook message here; ToolWorkItem.ContextJson still reads it.
    public string? MessageJson { get; init; }

    public WebhookCasing Casing { get; init; }

    public DateTimeOffset EnqueuedAt { get; init; }

    public ToolWorkItem? ToItem() => (ContextJson ?? MessageJson) is { } context
        ? new ToolWorkItem { ToolName = ToolName, ToolCallId = ToolCallId, CallId = CallId, ArgumentsJson = ArgumentsJson, ContextJson = context, Casing = Casing, EnqueuedAt = EnqueuedAt }
        : null;
}
