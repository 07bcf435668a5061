using System.Diagnostics;

namespace Flireo.Tools.Tests.Shared;

/// <summary>Ends a process a test started: its whole tree is killed if it still runs, then it is waited for and released.</summary>
internal static class ChildProcess
{
    public static async ValueTask StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
