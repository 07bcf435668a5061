namespace Flireo.Tools;

/// <summary>Represents a tool failure whose message is safe to show to the model.</summary>
/// <remarks>
/// Any other exception thrown by a tool becomes a generic error result, and its text is only shown when
/// <see cref="FlireoToolsOptions.IncludeDetailedErrors"/> is on. Throw this one to tell the model what went wrong.
/// </remarks>
public sealed class FlireoToolException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FlireoToolException"/> class.</summary>
    public FlireoToolException()
        : base("The tool failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoToolException"/> class with a message for the model.</summary>
    /// <param name="message">The message the model sees.</param>
    public FlireoToolException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoToolException"/> class with a message and a cause.</summary>
    /// <param name="message">The message the model sees.</param>
    /// <param name="innerException">The cause, logged but not shown.</param>
    public FlireoToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
