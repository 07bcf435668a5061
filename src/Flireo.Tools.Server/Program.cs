using Flireo.Tools.Hosting;

namespace Flireo.Tools.Server;

/// <summary>Starts the self-hosted Flireo tool server: <see cref="FlireoToolServer"/> behind the server's command line.</summary>
internal static class Program
{
    /// <summary>The exit code for a command line that cannot be understood.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs the server; see <see cref="ServerArguments.Usage"/> for the command line.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 after a normal shutdown, 1 when the server refused to start, 2 for a bad command line.</returns>
    public static async Task<int> Main(string[] args)
    {
        var arguments = ServerArguments.Parse(args);
        if (arguments.Error is not null)
        {
            await Console.Error.WriteLineAsync($"Flireo.Tools.Server: {arguments.Error}. Run with --help for usage.").ConfigureAwait(false);
            return ExitUsage;
        }

        if (arguments.ShowHelp)
        {
            await Console.Out.WriteLineAsync(ServerArguments.Usage).ConfigureAwait(false);
            return FlireoToolServer.ExitOk;
        }

        return await FlireoToolServer.RunAsync([.. arguments.HostArguments], options =>
        {
            foreach (var tools in arguments.Tools)
            {
                options.ToolSources.Add(tools);
            }
        }).ConfigureAwait(false);
    }
}
