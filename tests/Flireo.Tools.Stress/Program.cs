using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Flireo.Tools.Stress;

// Soak run: measures the real server's maximum rate for the mixed load, then holds a fraction of it for the duration,
// checking every answer, the server's error logs, its memory and threads, and that every acknowledged async call ran.
//   dotnet run --project tests/Flireo.Tools.Stress -c Release -- [--duration 00:05:00] [--probe 00:00:20] [--fraction 0.5]
var duration = Option("--duration", TimeSpan.FromMinutes(5));
var probe = Option("--probe", TimeSpan.FromSeconds(20));
var fraction = double.Parse(Value("--fraction") ?? "0.5", CultureInfo.InvariantCulture);
const int MaxInFlight = 512;

ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 64), io);

// The machine, for the record: the maximum rate depends on it and on what else runs there.
var load = File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : string.Empty;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}{load}"));

await using var server = await SoakServer.StartAsync(syncTimeout: TimeSpan.FromSeconds(9));
using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
var mix = new LoadMix(client);
Console.WriteLine($"Server pid {server.ProcessId} at {server.BaseAddress}; probing the maximum rate for {probe} with 64 concurrent clients.");

// Phase 1: closed loop, as fast as the server answers.
var probeStats = new Stats();
using (var stop = new CancellationTokenSource(probe))
{
    await Task.WhenAll(Enumerable.Range(0, 64).Select(async worker =>
    {
        var random = new Random(worker);
        while (!stop.IsCancellationRequested)
        {
            var kind = LoadMix.Pick(random);
            var (elapsed, problem) = await mix.SendAsync(kind, random, CancellationToken.None);
            probeStats.Record(kind, elapsed, problem);
        }
    }));
}

var maxRate = probeStats.Count / probe.TotalSeconds;
var rate = maxRate * fraction;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Maximum rate {maxRate:0} requests/s ({probeStats.Summary()}). Soaking at {rate:0}/s for {duration}."));

// Phase 2: open loop at the target rate, requests started on a fixed schedule whatever the answers take.
var soakStats = new Stats();
var samples = new List<(TimeSpan At, long Rss, int Threads)>();
var inFlight = 0;
var skipped = 0;
var pending = new ConcurrentDictionary<Task, byte>();
var clock = Stopwatch.StartNew();
var nextReport = TimeSpan.FromSeconds(30);
var sent = 0L;
var scheduleRandom = new Random(20260115);
using (var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(10)))
{
    while (clock.Elapsed < duration && await ticker.WaitForNextTickAsync())
    {
        var due = (long)(clock.Elapsed.TotalSeconds * rate);
        for (; sent < due; sent++)
        {
            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                Interlocked.Increment(ref skipped);
                continue;
            }

            var kind = LoadMix.Pick(scheduleRandom);
            var random = new Random(scheduleRandom.Next());
            Interlocked.Increment(ref inFlight);
            var task = Task.Run(async () =>
            {
                var (elapsed, problem) = await mix.SendAsync(kind, random, CancellationToken.None);
                soakStats.Record(kind, elapsed, problem);
                Interlocked.Decrement(ref inFlight);
            });
            pending.TryAdd(task, 0);
            _ = task.ContinueWith(t => pending.TryRemove(t, out _), TaskScheduler.Default);
        }

        if (samples.Count == 0 || clock.Elapsed - samples[^1].At >= TimeSpan.FromSeconds(5))
        {
            var (rss, threads) = server.Sample();
            samples.Add((clock.Elapsed, rss, threads));
        }

        if (clock.Elapsed >= nextReport)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {clock.Elapsed:mm\\:ss} {soakStats.Summary()}; server RSS {samples[^1].Rss / 1048576.0:0} MiB, {samples[^1].Threads} threads"));
            nextReport += TimeSpan.FromSeconds(30);
        }
    }
}

await Task.WhenAll(pending.Keys);

// Every acknowledged async call must run exactly once: wait for the background work to catch up.
var acknowledged = mix.AcknowledgedAsyncCalls;
long runs = 0;
var drain = Stopwatch.StartNew();
while (drain.Elapsed < TimeSpan.FromSeconds(120) && (runs = await mix.BackgroundRunsAsync()) < acknowledged)
{
    await Task.Delay(500);
}

await Task.Delay(2000);
runs = await mix.BackgroundRunsAsync();
var (endRss, endThreads) = server.Sample();
samples.Add((clock.Elapsed, endRss, endThreads));

var firstMinute = samples.Where(s => s.At >= TimeSpan.FromSeconds(30) && s.At < TimeSpan.FromSeconds(90)).Select(s => s.Rss).DefaultIfEmpty(samples[0].Rss).Average();
var lastMinute = samples.Where(s => s.At >= duration - TimeSpan.FromSeconds(60)).Select(s => s.Rss).DefaultIfEmpty(endRss).Average();
// Least-squares slope of RSS over the soak after its first 30 s: flat memory has a slope near zero.
var settled = samples.Where(s => s.At >= TimeSpan.FromSeconds(30)).ToList();
var meanAt = settled.Average(s => s.At.TotalMinutes);
var meanRss = settled.Average(s => s.Rss / 1048576.0);
var slope = settled.Sum(s => (s.At.TotalMinutes - meanAt) * ((s.Rss / 1048576.0) - meanRss)) / settled.Sum(s => Math.Pow(s.At.TotalMinutes - meanAt, 2));
var unexpected = soakStats.Problems.Count + server.UnexpectedLogs.Count + (runs == acknowledged ? 0 : 1) + skipped + (server.HasExited ? 1 : 0);

Console.WriteLine();
Console.WriteLine("Soak summary");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  duration {duration}, target {rate:0}/s (of a measured maximum {maxRate:0}/s), {soakStats.Count} requests sent, {skipped} skipped for the in-flight cap of {MaxInFlight}"));
Console.WriteLine($"  {soakStats.Summary()}");
foreach (var line in soakStats.PerKind())
{
    Console.WriteLine($"    {line}");
}

Console.WriteLine($"  async: {acknowledged} distinct calls acknowledged, {runs} completed in the background (waited {drain.Elapsed.TotalSeconds:0} s)");
Console.WriteLine($"  server error logs explained by the load (fail tool, transient async failures): {server.ExpectedErrorLogs}; unexplained: {server.UnexpectedLogs.Count}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  server RSS: {samples[0].Rss / 1048576.0:0} MiB at start, {firstMinute / 1048576.0:0} MiB average in the first minute, {lastMinute / 1048576.0:0} MiB in the last, max {samples.Max(s => s.Rss) / 1048576.0:0} MiB, trend {slope:+0.0;-0.0} MiB/min over {settled.Count} samples; threads {samples.Min(s => s.Threads)}–{samples.Max(s => s.Threads)}"));
Console.WriteLine($"  unexpected outcomes: {unexpected}");
foreach (var problem in soakStats.Problems.Take(20).Concat(server.UnexpectedLogs.Take(20)))
{
    Console.WriteLine($"    {problem}");
}

return unexpected == 0 ? 0 : 1;

string? Value(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

TimeSpan Option(string name, TimeSpan fallback) => Value(name) is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;
