using System.Text;
using Flireo.Tools.Cli.Loading;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Runs the CLI's entry point in-process with captured writers and controllable surroundings.</summary>
internal sealed class CliHarness
{
    public FakeTimeProvider Time { get; init; } = new(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

    public HttpMessageHandler? HttpHandler { get; init; }

    public byte[]? Input { get; init; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public IProcessRunner? Processes { get; init; }

    public static Task<CliRun> RunAsync(params string[] args) => new CliHarness().RunWithAsync(args);

    public async Task<CliRun> RunWithAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            OpenInput = () => Input is null ? null : new MemoryStream(Input, writable: false),
            Time = Time,
            HttpHandler = HttpHandler,
            Variables = Variables,
            Processes = Processes ?? new ProcessRunner(),
        };

        var exitCode = await Program.RunAsync(args, environment, CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
