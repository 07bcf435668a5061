using System.CommandLine;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Runs a command's body and turns every failure into one line on standard error and an exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Runs a command body.</summary>
    /// <param name="environment">Where errors are written.</param>
    /// <param name="parseResult">The parse result, for the <c>--verbose</c> flag.</param>
    /// <param name="verbose">The <c>--verbose</c> option: print the full exception.</param>
    /// <param name="body">The command's work; returns its exit code.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(CliEnvironment environment, ParseResult parseResult, Option<bool> verbose, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var showDetails = parseResult.GetValue(verbose);
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await ReportAsync(environment, ex.Message, ex, showDetails).ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (FlireoToolsConfigurationException ex)
        {
            await ReportAsync(environment, ex.Message, ex, showDetails).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync("error: cancelled.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            var message = showDetails ? ex.Message : $"{ex.Message} (run with --verbose for details)";
            await ReportAsync(environment, message, ex, showDetails).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static async Task ReportAsync(CliEnvironment environment, string message, Exception exception, bool showDetails)
    {
        await environment.Error.WriteLineAsync("error: " + message).ConfigureAwait(false);
        if (showDetails)
        {
            await environment.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }
    }
}
