namespace Flireo.Tools.Cli.Loading;

/// <summary>Runs a child process to completion and captures its output.</summary>
internal interface IProcessRunner
{
    /// <summary>Runs a program and waits for it to exit.</summary>
    /// <param name="fileName">The program, for example <c>dotnet</c>.</param>
    /// <param name="arguments">The arguments, passed without shell quoting.</param>
    /// <param name="cancellationToken">Kills the process when cancelled.</param>
    /// <returns>The exit code and the captured output.</returns>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
