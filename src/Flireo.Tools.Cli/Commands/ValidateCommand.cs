using System.CommandLine;
using Flireo.Tools.Cli.Validation;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools validate</c>: every startup check plus lint rules, printed with type and method.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var source = new ToolAssemblyOptions("The compiled tool assembly to check.");
        var warningsAsErrors = new Option<bool>("--warnings-as-errors")
        {
            Description = "Exit with 1 when there are warnings, not only on errors.",
        };
        var command = new Command("validate", "Run every startup check on a tool assembly and lint its tools; exit 1 on errors.");
        source.AddTo(command);
        command.Options.Add(warningsAsErrors);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var library = await source.LoadAsync(parseResult, environment, token).ConfigureAwait(false);
                await using (library.ConfigureAwait(false))
                {
                    var report = ToolValidator.Validate(library);
                    foreach (var finding in report.Findings)
                    {
                        await environment.Out.WriteLineAsync(finding.ToString()).ConfigureAwait(false);
                    }

                    await environment.Error.WriteLineAsync(
                        $"{library.FileName}: {Count(report.ToolCount, "tool")} checked, {Count(report.ErrorCount, "error")}, {Count(report.WarningCount, "warning")}.").ConfigureAwait(false);
                    var failed = report.ErrorCount > 0 || (report.WarningCount > 0 && parseResult.GetValue(warningsAsErrors));
                    return failed ? ExitCodes.Failure : ExitCodes.Success;
                }
            },
            cancellationToken));
        return command;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
