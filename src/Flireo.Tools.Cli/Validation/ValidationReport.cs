namespace Flireo.Tools.Cli.Validation;

/// <summary>Represents the outcome of validating a tool assembly.</summary>
/// <param name="Findings">Every finding, ordered by location and code.</param>
/// <param name="ToolCount">How many tools were checked.</param>
internal sealed record ValidationReport(IReadOnlyList<Finding> Findings, int ToolCount)
{
    /// <summary>Gets the number of errors.</summary>
    public int ErrorCount => Findings.Count(f => f.Severity == FindingSeverity.Error);

    /// <summary>Gets the number of warnings.</summary>
    public int WarningCount => Findings.Count(f => f.Severity == FindingSeverity.Warning);
}
