namespace Flireo.Tools.Server;

/// <summary>Starts the self-hosted Flireo tool server.</summary>
internal static class Program
{
    /// <summary>Runs the server; see <see cref="ServerArguments.Usage"/> for the command line.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 after a normal shutdown, 1 when the server refused to start, 2 for a bad command line.</returns>
    public static Task<int> Main(string[] args) => ServerApp.RunAsync(args);
}
