namespace Flireo.Tools;

/// <summary>Represents invalid tool declarations found at startup; lists every problem with its type, method and fix.</summary>
public sealed class FlireoToolsConfigurationException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="FlireoToolsConfigurationException"/> class.</summary>
    public FlireoToolsConfigurationException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoToolsConfigurationException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public FlireoToolsConfigurationException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoToolsConfigurationException"/> class with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FlireoToolsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoToolsConfigurationException"/> class from the problems found.</summary>
    /// <param name="problems">Every problem found.</param>
    public FlireoToolsConfigurationException(IReadOnlyList<ToolProblem> problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<ToolProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<ToolProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "The Flireo tools are not valid.",
            1 => $"Invalid Flireo tool: {problems[0]}",
            _ => $"{problems.Count} problems with the Flireo tools:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)),
        };
    }
}
