namespace Flireo.Tools.Server.Tests.TestSupport;

/// <summary>Waits for a condition that real server processes bring about, polling with a bound instead of sleeping.</summary>
internal static class Polling
{
    /// <summary>Polls every 50 ms until the condition holds; past the timeout it throws with what was awaited and the servers' output.</summary>
    /// <param name="condition">The condition to wait for.</param>
    /// <param name="what">Describes the condition and what was seen, for the failure message.</param>
    /// <param name="timeout">The longest to wait.</param>
    /// <param name="servers">The servers whose output goes into the failure message.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> what, TimeSpan timeout, params ServerProcess[] servers)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            try
            {
                await poll.WaitForNextTickAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not reached within {timeout}: {what()}.{string.Concat(servers.Select(s => s.Describe()))}");
            }
        }
    }
}
