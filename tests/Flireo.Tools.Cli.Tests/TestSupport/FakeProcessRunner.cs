using Flireo.Tools.Cli.Loading;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Answers every process run with a fixed result and records the command line.</summary>
internal sealed class FakeProcessRunner(ProcessResult result) : IProcessRunner
{
    public List<(string FileName, IReadOnlyList<string> Arguments)> Runs { get; } = [];

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Runs.Add((fileName, arguments));
        return Task.FromResult(result);
    }
}
