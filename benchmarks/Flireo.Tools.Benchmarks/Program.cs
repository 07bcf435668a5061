using BenchmarkDotNet.Running;
using Flireo.Tools.Benchmarks.Load;

namespace Flireo.Tools.Benchmarks;

/// <summary>Runs the BenchmarkDotNet benchmarks, or one of the load-test probes that run-load.sh uses.</summary>
public static class Program
{
    /// <summary>Dispatches on the first argument: <c>cold-startup</c>, <c>first-answer</c>, <c>deadline</c>, otherwise BenchmarkDotNet's switcher.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "cold-startup":
                return ColdStartup.Run(args[1..]);
            case "first-answer":
                return await FirstAnswerProbe.RunAsync(args[1..]);
            case "deadline":
                return await DeadlineProbe.RunAsync(args[1..]);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
