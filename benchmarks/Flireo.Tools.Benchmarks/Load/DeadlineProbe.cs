using System.Diagnostics;
using System.Globalization;
using System.Net;
using Flireo.Tools.Benchmarks.Support;

namespace Flireo.Tools.Benchmarks.Load;

/// <summary>Sends many webhooks to a tool that hangs past its deadline while a steady load of <c>lookup_contact</c> runs; prints JSON.</summary>
/// <remarks>
/// Usage: <c>deadline --url http://127.0.0.1:5090/flireo --tool hang --deadline-ms 2000 [--count 100] [--hang-s 10] [--connections 16]</c>.
/// First the load alone runs for the deadline plus one second (the normal rate); then the load runs again while
/// <c>count</c> hanging webhooks are sent at once. Reports every hanging answer's latency against the deadline and
/// the load's rate while they were in flight, as a ratio to the normal rate.
/// </remarks>
internal static class DeadlineProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var line = new CommandLine(args);
        var url = new Uri(line.Text("url"));
        var tool = line.Text("tool", "hang");
        var deadline = TimeSpan.FromMilliseconds(line.Number("deadline-ms", 2000));
        var count = line.Number("count", 100);
        var hangSeconds = line.Number("hang-s", 10);
        var connections = line.Number("connections", 16);

        var lookups = SignedBodies.Create();
        var hangs = SignedBodies.Create(128, tool, $"{{\"seconds\":{hangSeconds}}}");
        using var client = new WebhookClient(deadline + TimeSpan.FromSeconds(20));

        // Warm the connections and the server's code paths.
        await LoadAsync(client, url, lookups, connections, TimeSpan.FromSeconds(1), null);

        var window = deadline + TimeSpan.FromSeconds(1);
        var normal = await LoadAsync(client, url, lookups, connections, window, null);
        var normalRate = normal.Completed / normal.Seconds;

        var hangResults = new (HttpStatusCode Status, string Body, double Ms)[count];
        var during = await LoadAsync(client, url, lookups, connections, window, async () =>
        {
            var pending = new Task<(HttpStatusCode, string, double)>[count];
            for (var i = 0; i < count; i++)
            {
                pending[i] = PostOrFailAsync(client, url, hangs, i % 128);
            }

            for (var i = 0; i < count; i++)
            {
                hangResults[i] = await pending[i];
            }
        });

        var latencies = hangResults.Select(r => r.Ms).Order().ToArray();
        var limit = deadline.TotalMilliseconds + 50;
        var timeoutAnswers = hangResults.Count(r => r.Status == HttpStatusCode.OK && r.Body.Contains("did not answer within", StringComparison.Ordinal));
        var duringRate = during.Completed / during.Seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"tool\":\"{tool}\",\"count\":{count},\"deadlineMs\":{deadline.TotalMilliseconds},\"p50Ms\":{Percentile(latencies, 0.50):0.0},\"p99Ms\":{Percentile(latencies, 0.99):0.0},\"maxMs\":{latencies[^1]:0.0},\"overDeadlinePlus50\":{latencies.Count(l => l > limit)},\"timeoutAnswers\":{timeoutAnswers},\"failed\":{hangResults.Count(r => r.Status == 0)},\"normalRps\":{normalRate:0},\"duringRps\":{duringRate:0},\"duringWindowS\":{during.Seconds:0.00},\"rateRatio\":{duringRate / normalRate:0.000},\"loadErrors\":{normal.Errors + during.Errors}}}"));
        return 0;
    }

    /// <summary>Runs a closed-loop load; with <paramref name="alongside"/>, the window lasts until it completes (at least <paramref name="window"/>).</summary>
    private static async Task<(long Completed, long Errors, double Seconds)> LoadAsync(WebhookClient client, Uri url, SignedBodies bodies, int connections, TimeSpan window, Func<Task>? alongside)
    {
        long completed = 0;
        long errors = 0;
        var next = 0;
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (status, _, _) = await client.PostAsync(url, bodies, Interlocked.Increment(ref next) & bodies.Mask, CancellationToken.None);
                    Interlocked.Increment(ref status == HttpStatusCode.OK ? ref completed : ref errors);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();

        var side = alongside?.Invoke() ?? Task.CompletedTask;
        await Task.Delay(window);
        await side;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var done = Interlocked.Read(ref completed);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return (done, Interlocked.Read(ref errors), seconds);
    }

    /// <summary>Sends one webhook; a failure (reset, client timeout) counts as an answer with status 0 at the time it failed.</summary>
    private static async Task<(HttpStatusCode Status, string Body, double Ms)> PostOrFailAsync(WebhookClient client, Uri url, SignedBodies bodies, int index)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await client.PostAsync(url, bodies, index, CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
