using System.CommandLine;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools diff</c>: prints what <c>push</c> would change, as a CI gate.</summary>
/// <remarks>Exit code 0 when the assistant is in step with the code, 1 when it differs (drift), 2 on any error.</remarks>
internal static class DiffCommand
{
    public static Command Create(CliEnvironment environment, Option<bool> verbose) => DeployOptions.CreateCommand(
        "diff",
        "Compare a saved assistant with the code (the same options as push): exit 0 when in step, 1 on drift, 2 on error.",
        environment,
        verbose,
        [],
        async (_, deployment, _) =>
        {
            if (deployment.InStep)
            {
                await environment.Out.WriteLineAsync("In step with the code.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await environment.Out.WriteLineAsync("Drift: the assistant differs from the code; 'flireo-tools push' with the same options brings it in step.").ConfigureAwait(false);
            return DeployOptions.DriftExitCode;
        });
}
