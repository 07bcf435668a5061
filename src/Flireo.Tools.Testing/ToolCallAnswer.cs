using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Flireo.Tools.Testing;

/// <summary>Represents the answer to a tool-calls webhook with one call: the HTTP status and that call's result or error.</summary>
public sealed class ToolCallAnswer : WebhookAnswer
{
    private readonly JsonSerializerOptions _serializerOptions;

    internal ToolCallAnswer(HttpStatusCode statusCode, string body, string toolName, string toolCallId, JsonSerializerOptions serializerOptions)
        : base(statusCode, body)
    {
        ToolName = toolName;
        ToolCallId = toolCallId;
        _serializerOptions = serializerOptions;
        if (IsSuccessStatusCode)
        {
            var outcome = ToolResponse.Parse(body, [toolCallId])[0];
            Result = outcome.Result;
            Error = outcome.Error;
        }
        else
        {
            Error = string.Create(CultureInfo.InvariantCulture, $"The webhook was rejected with {(int)statusCode} {statusCode}: {RejectionReason}");
        }
    }

    /// <summary>Gets the name of the tool that was called.</summary>
    public string ToolName { get; }

    /// <summary>Gets the tool call id the host gave the call.</summary>
    public string ToolCallId { get; }

    /// <summary>Gets the result the model would see, or <see langword="null"/> when the call failed.</summary>
    public JsonElement? Result { get; }

    /// <summary>Gets the error the model would see, or <see langword="null"/> when the call succeeded.</summary>
    /// <remarks>When the endpoint rejected the whole webhook (a non-2xx <see cref="WebhookAnswer.StatusCode"/>), it says so and gives the reason.</remarks>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the call failed or the webhook was rejected.</summary>
    public bool IsError => Error is not null;

    /// <summary>Reads the result as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read, usually the tool's return type.</typeparam>
    /// <param name="options">The JSON options; <see langword="null"/> uses those the tools serialise results with (camelCase, enums as strings).</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">The call failed or the webhook was rejected; the message holds the error.</exception>
    public T ResultAs<T>(JsonSerializerOptions? options = null)
    {
        if (Result is not { } result)
        {
            throw new InvalidOperationException($"The call {ToolCallId} to '{ToolName}' has no result: {Error}");
        }

        return result.Deserialize<T>(options ?? _serializerOptions)!;
    }

    /// <inheritdoc />
    public override string ToString() => IsError
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)StatusCode} {ToolName} {ToolCallId}: error {Error}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)StatusCode} {ToolName} {ToolCallId}: {Result?.GetRawText()}");
}
