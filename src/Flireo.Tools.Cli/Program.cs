using System.CommandLine;
using System.CommandLine.Invocation;
using Flireo.Tools.Cli.Commands;

namespace Flireo.Tools.Cli;

/// <summary>The entry point of <c>flireo-tools</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliEnvironment.FromConsole(), CancellationToken.None);

    /// <summary>Runs the command line as the console program does, but writing to the given writers.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Receives the data: definitions, answers, headers, findings.</param>
    /// <param name="stderr">Receives messages and errors.</param>
    /// <returns>The exit code: 0 success, 1 findings or a failed call, 2 a usage error.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
        => RunAsync(args, CliEnvironment.FromConsole(stdout, stderr), CancellationToken.None);

    /// <summary>Runs the command line in an environment.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="environment">Console streams, clock, HTTP and process access.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var root = RootCommandFactory.Create(environment);
        // No response files: '@file' belongs to --args (like curl's -d @file).
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            var command = parseResult.CommandResult.Command;
            var path = command == root ? RootCommandFactory.CommandName : $"{RootCommandFactory.CommandName} {command.Name}";
            await environment.Error.WriteLineAsync($"Run '{path} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        if (parseResult.CommandResult.Command.Name == ServeCommand.Name)
        {
            // The server handles Ctrl+C and SIGTERM itself and drains for as long as it needs; no 2-second cut-off.
            configuration.ProcessTerminationTimeout = null;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
