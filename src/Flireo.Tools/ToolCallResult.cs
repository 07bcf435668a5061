using System.Text.Json;

namespace Flireo.Tools;

/// <summary>Represents the outcome of one tool call: a result value or an error message, keyed by tool call id.</summary>
public sealed class ToolCallResult
{
    private ToolCallResult(string toolCallId, JsonElement? result, string? error)
    {
        ToolCallId = toolCallId;
        Result = result;
        Error = error;
    }

    /// <summary>Gets the tool call id this outcome answers.</summary>
    public string ToolCallId { get; }

    /// <summary>Gets the result value, or <see langword="null"/> for an error.</summary>
    public JsonElement? Result { get; }

    /// <summary>Gets the error message, or <see langword="null"/> when the call succeeded.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the call failed.</summary>
    public bool IsError => Error is not null;

    /// <summary>Creates a successful outcome.</summary>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="result">The result value; it is cloned so it outlives its document.</param>
    /// <returns>A successful outcome.</returns>
    public static ToolCallResult Success(string toolCallId, JsonElement result)
    {
        ArgumentNullException.ThrowIfNull(toolCallId);
        return new(toolCallId, result.Clone(), null);
    }

    /// <summary>Creates a failed outcome.</summary>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="error">The message the model sees.</param>
    /// <returns>A failed outcome.</returns>
    public static ToolCallResult Failure(string toolCallId, string error)
    {
        ArgumentNullException.ThrowIfNull(toolCallId);
        ArgumentNullException.ThrowIfNull(error);
        return new(toolCallId, null, error);
    }

    /// <inheritdoc />
    public override string ToString() => IsError ? $"{ToolCallId}: error {Error}" : $"{ToolCallId}: {Result?.GetRawText()}";
}
