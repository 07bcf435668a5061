namespace Flireo.Tools.Cli.Loading;

/// <summary>Represents a finished child process.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything it wrote to standard output.</param>
/// <param name="StandardError">Everything it wrote to standard error.</param>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
