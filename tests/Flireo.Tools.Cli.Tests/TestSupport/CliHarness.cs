using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Runs the CLI's entry point in-process with captured writers and controllable surroundings.</summary>
internal sealed class CliHarness
{
    public FakeTimeProvider Time { get; init; } = new(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

    public HttpMessageHandler? HttpHandler { get; init; }

    public byte[]? Input { get; init; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public static Task<CliRun> RunAsync(params string[] args) => new CliHarness().RunWithAsync(args);

    public Task<CliRun> RunWithAsync(params string[] args) => RunWithAsync(new StringWriter { NewLine = "\n" }, CancellationToken.None, args);

    /// <summary>Runs the CLI with standard output going to <paramref name="output"/> (for a long-running command such as <c>serve</c>, stopped with the token).</summary>
    public Task<CliRun> RunWithAsync(TextWriter output, CancellationToken cancellationToken, params string[] args)
        => RunWithAsync(output, new StringWriter { NewLine = "\n" }, cancellationToken, args);

    /// <summary>Runs the CLI with both output streams going to the given writers (for a long-running command whose errors a test waits for).</summary>
    public async Task<CliRun> RunWithAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken, params string[] args)
    {
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            OpenInput = () => Input is null ? null : new MemoryStream(Input, writable: false),
            Time = Time,
            HttpHandler = HttpHandler,
            Variables = Variables,
        };

        var exitCode = await Program.RunAsync(args, environment, cancellationToken);
        return new CliRun(exitCode, output.ToString() ?? string.Empty, error.ToString() ?? string.Empty);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
