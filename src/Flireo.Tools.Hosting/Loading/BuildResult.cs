namespace Flireo.Tools.Hosting.Loading;

/// <summary>Describes the outcome of one <c>dotnet build</c> of a tool project.</summary>
/// <param name="TargetPath">The full path of the built assembly, or <see langword="null"/> when the build failed.</param>
/// <param name="ExitCode">The exit code of <c>dotnet build</c>.</param>
/// <param name="Errors">The error lines of a failed build, each once, in order (never empty then); empty after a success.</param>
internal sealed record BuildResult(string? TargetPath, int ExitCode, IReadOnlyList<string> Errors);
