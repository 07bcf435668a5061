using System.Buffers;
using System.Text.Json;
using Flireo.Tools.Async;
using Flireo.Tools.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Platform;

/// <summary>Speaks the results of tools that announce (<see cref="FlireoToolAttribute.AnnounceResult"/>) into their call, exactly once.</summary>
/// <remarks>
/// <para>
/// When such a tool's run has ended for good, the runner stores an announcement in the work queue: a work item named
/// <see cref="ToolName"/> (not a valid tool name, so it never meets a real tool) keyed by the tool call id plus
/// <c>#announce</c>. With the SQLite or Redis queue the announcement is durable: "ran but not yet announced" is that stored
/// item, and a crash before it is sent only delays it until the queue runs again. Its key makes a second store a duplicate.
/// </para>
/// <para>
/// Running the item sends <c>inject-context</c> with <c>trigger_response: true</c>. A call that has ended (400) or is unknown
/// (404) drops the announcement with a log line; so does a missing or refused API key (401, 403), naming <c>Flireo:Api:Key</c>,
/// since retrying cannot help. A refused or failed send (rate limit, 5xx after the client's own retries)
/// is retried by the queue like a failed tool.
/// </para>
/// </remarks>
internal sealed class ResultAnnouncer
{
    /// <summary>The tool name of announcement work items.</summary>
    public const string ToolName = "flireo.announce";

    private const string KeySuffix = "#announce";

    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ResultAnnouncer(IServiceProvider services, TimeProvider time, ILogger<ResultAnnouncer> logger)
    {
        _services = services;
        _time = time;
        _logger = logger;
    }

    /// <summary>Returns the text spoken for an outcome: a string result as is, other results as the tool name and compact JSON, failures as their model-facing text.</summary>
    public static string Text(string toolName, ToolCallResult result)
    {
        if (result.IsError)
        {
            return result.Error!;
        }

        var value = result.Result!.Value;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Concat(toolName, ": ", value.GetRawText());
    }

    /// <summary>Stores the announcement of a finished tool call in the work queue; never throws.</summary>
    /// <returns><see langword="true"/> when it was stored (or was already).</returns>
    public async ValueTask<bool> EnqueueAsync(string toolName, string toolCallId, string? callId, ToolCallResult result, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(callId))
        {
            PlatformLog.AnnouncementWithoutCall(_logger, toolName, toolCallId);
            return false;
        }

        var item = new ToolWorkItem
        {
            ToolName = ToolName,
            ToolCallId = string.Concat(toolCallId, KeySuffix),
            CallId = callId,
            ArgumentsJson = WriteArguments(toolName, toolCallId, Text(toolName, result)),
            ContextJson = "{}",
            EnqueuedAt = _time.GetUtcNow(),
        };
        try
        {
            var stored = await _services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
            if (stored == ToolWorkEnqueueResult.Rejected)
            {
                PlatformLog.AnnouncementNotStored(_logger, null, toolName, toolCallId, callId, "the work queue is full or stopping");
                return false;
            }

            PlatformLog.AnnouncementStored(_logger, toolName, toolCallId, callId, stored.ToString());
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            PlatformLog.AnnouncementNotStored(_logger, ex, toolName, toolCallId, callId, ex.Message);
            return false;
        }
    }

    /// <summary>Sends a stored announcement; the outcome tells the queue whether to retry it.</summary>
    public async ValueTask<ToolRunOutcome> SendAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        string? toolName = null, toolCallId = null, text = null;
        try
        {
            using var arguments = JsonDocument.Parse(item.ArgumentsJson);
            var root = arguments.RootElement;
            toolName = root.GetProperty("tool").GetString();
            toolCallId = root.GetProperty("tool_call_id").GetString();
            text = root.GetProperty("text").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new ToolRunOutcome(ToolRunStatus.InvalidArguments, "The stored announcement cannot be read.");
        }

        if (string.IsNullOrEmpty(item.CallId) || string.IsNullOrEmpty(text))
        {
            return new ToolRunOutcome(ToolRunStatus.InvalidArguments, "The stored announcement has no call id or text.");
        }

        CallControlResult result;
        try
        {
            result = await _services.GetRequiredService<IFlireoCallControl>().InjectContextAsync(item.CallId, text, triggerResponse: true, cancellationToken).ConfigureAwait(false);
        }
        catch (FlireoApiException ex) when (ex.IsKeyProblem)
        {
            // A missing or refused key does not fix itself: retrying would only repeat the refusal until the queue gives up.
            PlatformLog.AnnouncementUnauthorized(_logger, toolName!, toolCallId!, item.CallId, ex.Message);
            return new ToolRunOutcome(ToolRunStatus.ToolError, "The Flireo API refused the API key; set Flireo:Api:Key to a valid key.");
        }
        catch (FlireoApiException ex)
        {
            return new ToolRunOutcome(ToolRunStatus.Exception, ex.Message);
        }

        switch (result.Status)
        {
            case CallControlStatus.Sent:
                PlatformLog.Announced(_logger, toolName!, toolCallId!, item.CallId);
                return new ToolRunOutcome(ToolRunStatus.Succeeded);
            case CallControlStatus.RateLimited:
                return new ToolRunOutcome(ToolRunStatus.Exception, "The call's limit of control commands was reached.");
            default:
                PlatformLog.AnnouncementDropped(_logger, toolName!, toolCallId!, item.CallId, result.Status, result.Message);
                return new ToolRunOutcome(ToolRunStatus.Succeeded);
        }
    }

    private static string WriteArguments(string toolName, string toolCallId, string text)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + text.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tool", toolName);
            writer.WriteString("tool_call_id", toolCallId);
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
