namespace Flireo.Tools.Cli.Validation;

/// <summary>Specifies how serious a validation finding is.</summary>
internal enum FindingSeverity
{
    /// <summary>The tool works, but a reviewer would ask for a change.</summary>
    Warning = 0,

    /// <summary>The server would refuse to start.</summary>
    Error = 1,
}
