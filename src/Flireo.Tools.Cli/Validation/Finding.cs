using System.Globalization;

namespace Flireo.Tools.Cli.Validation;

/// <summary>Represents one validation finding, located by tool class and method.</summary>
/// <param name="Severity">Whether it is an error or a warning.</param>
/// <param name="Code">The stable rule code, for example <c>FLT101</c>.</param>
/// <param name="Location">Where it is, as <c>Namespace.Type.Method</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
internal sealed record Finding(FindingSeverity Severity, string Code, string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Location}: {(Severity == FindingSeverity.Error ? "error" : "warning")} {Code}: {Message}");
}
