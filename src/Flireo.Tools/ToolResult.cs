namespace Flireo.Tools;

/// <summary>Represents an explicit tool outcome: a successful value or an error message for the model.</summary>
public sealed class ToolResult
{
    private ToolResult(object? value, string? errorMessage)
    {
        Value = value;
        ErrorMessage = errorMessage;
    }

    /// <summary>Gets the result value sent to the model when the call succeeded.</summary>
    public object? Value { get; }

    /// <summary>Gets the error message sent to the model, or <see langword="null"/> when the call succeeded.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets a value indicating whether this result is an error.</summary>
    public bool IsError => ErrorMessage is not null;

    /// <summary>Creates a successful result.</summary>
    /// <param name="value">The value to serialise as the tool result; <see langword="null"/> gives an empty success.</param>
    /// <returns>A successful result.</returns>
    public static ToolResult Ok(object? value = null) => new(value, null);

    /// <summary>Creates an error result whose message is shown to the model exactly as given.</summary>
    /// <param name="message">What went wrong, phrased so the model can tell the caller or retry.</param>
    /// <returns>An error result.</returns>
    public static ToolResult Error(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(null, message);
    }
}
