namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Represents one in-process run of the CLI.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
