using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Flireo.Tools.Reliability.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Flireo.Tools.Reliability.Tests.Async;

/// <summary>
/// 10,000 async tool calls through the real pipeline and the in-process work queue, with a real clock and short retry
/// delays: some webhooks are sent twice, many tools fail on their first attempts, and in one run the app shuts down halfway.
/// </summary>
public sealed class AsyncWorkReliabilityTests(ITestOutputHelper output)
{
    private const string Secret = "async-reliability-secret";
    private const int Calls = 10_000;
    private const int Seed = 20260115;
    private const string Acknowledgement = "Accepted: the tool runs in the background.";

    [Fact]
    public async Task Webhooks_10000AsyncCallsWithDuplicatesAndTransientFailures_EachRunsToCompletionExactlyOnce()
    {
        var journal = new Journal();
        await using var app = await StartAsync(journal);
        var plan = Plan(new Random(Seed));

        var sent = await SendAsync(app, journal, plan, stopAfterAcknowledged: null);
        await journal.WaitForAsync(Calls, TimeSpan.FromSeconds(45));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sent.Webhooks} webhooks ({sent.Resent} sent twice) carrying {Calls} calls; {sent.Acknowledged.Count} acknowledged; {journal.Attempts} attempts, {journal.Failures} of them failing on purpose"));
        sent.Acknowledged.Should().HaveCount(Calls);
        sent.Refused.Should().BeEmpty();
        journal.Completions.Should().HaveCount(Calls).And.OnlyContain(c => c.Value == 1, "each call completes exactly once, duplicates and retries included");
        journal.Attempts.Should().Be(plan.Sum(c => c.FailFirst + 1), "a failed attempt is retried until it succeeds, and never again after");
        sent.DuplicatesAnswered.Should().Be(sent.ResentCalls, "every call of a resent webhook is acknowledged again, without a second run");
    }

    [Fact]
    public async Task Webhooks_ShutdownHalfwayThrough10000AsyncCalls_DrainsEveryAcknowledgedCall()
    {
        // The tools wait until the shutdown has begun: acknowledged work is certain to be left for the drain.
        var journal = new Journal();
        journal.Hold();
        await using var app = await StartAsync(journal);
        var plan = Plan(new Random(Seed + 1));

        var sent = await SendAsync(app, journal, plan, stopAfterAcknowledged: Calls / 2);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sent.Acknowledged.Count} calls acknowledged before the shutdown finished ({sent.WaitingAtStop} of them waiting or running when it began), {sent.Refused.Count} refused while it ran, {sent.Failed} webhooks not answered; {journal.Completions.Count} completed"));
        sent.Acknowledged.Count.Should().BeGreaterThanOrEqualTo(Calls / 2);
        sent.WaitingAtStop.Should().BePositive("the shutdown must begin with acknowledged work still to do, or there is nothing to drain");
        journal.Completions.Keys.Should().Contain(sent.Acknowledged, "the shutdown drains every call it acknowledged");
        journal.Completions.Should().OnlyContain(c => c.Value == 1);
        sent.Refused.Except(sent.Acknowledged).Should().NotIntersectWith(journal.Completions.Keys, "a refused call was never accepted, so it never runs");
    }

    private static List<PlannedCall> Plan(Random random) =>
        Enumerable.Range(0, Calls).Select(i => new PlannedCall("tc-" + i.ToString(CultureInfo.InvariantCulture), random.Next(3) switch
        {
            0 => 0,
            1 => 1,
            _ => random.Next(2, 4),
        })).ToList();

    private static async Task<WebApplication> StartAsync(Journal journal)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(journal);
        builder.Services.AddFlireoTools(options =>
        {
            options.WebhookSecret = Secret;
            options.AsyncTools.MaxConcurrency = 16;
            options.AsyncTools.MaxRetries = 3;
            options.AsyncTools.RetryDelay = TimeSpan.FromMilliseconds(1);
            options.AsyncTools.MaxRetryDelay = TimeSpan.FromMilliseconds(4);
            options.AsyncTools.QueueCapacity = Calls * 2;
            options.AsyncTools.ShutdownTimeout = TimeSpan.FromSeconds(60);
        }).AddTools<JournalTools>();
        var app = builder.Build();
        app.MapFlireoWebhooks();
        await app.StartAsync();
        return app;
    }

    private static async Task<SendResult> SendAsync(WebApplication app, Journal journal, List<PlannedCall> plan, int? stopAfterAcknowledged)
    {
        var random = new Random(Seed);
        var client = app.GetTestClient();
        var result = new SendResult();
        var batches = new List<PlannedCall[]>();
        for (var i = 0; i < plan.Count;)
        {
            var size = Math.Min(random.Next(1, 6), plan.Count - i);
            batches.Add([.. plan.GetRange(i, size)]);
            i += size;
        }

        // Every tenth webhook is sent twice, as a sender that timed out and retried would.
        var webhooks = batches.SelectMany((batch, i) => i % 10 == 3 ? new[] { (batch, false), (batch, true) } : [(batch, false)]).ToList();
        Task? stopping = null;
        await Parallel.ForEachAsync(webhooks, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (webhook, cancellationToken) =>
        {
            var (batch, resend) = webhook;
            var body = SignedWebhooks.ToolCalls("call-async", [.. batch.Select(c => (c.Id, "journal", (object?)new { failFirst = c.FailFirst }))]);
            try
            {
                using var request = SignedWebhooks.Post("/flireo", body, Secret);
                using var response = await client.SendAsync(request, cancellationToken);
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                foreach (var (id, value, error) in SignedWebhooks.Results(answer))
                {
                    if (value?.ValueKind == JsonValueKind.String && value.Value.GetString() == Acknowledgement)
                    {
                        result.Acknowledge(id, resend);
                    }
                    else
                    {
                        result.Refused.Add(id);
                        error.Should().Contain("cannot take more work", "only a shutting-down queue refuses work here");
                    }
                }
            }
            catch (Exception ex) when (stopAfterAcknowledged is not null && ex is HttpRequestException or InvalidOperationException or OperationCanceledException or IOException)
            {
                // The test server stops answering once the host has stopped.
                Interlocked.Increment(ref result.Failed);
            }

            Interlocked.Increment(ref result.Webhooks);
            if (resend)
            {
                Interlocked.Increment(ref result.Resent);
                Interlocked.Add(ref result.ResentCalls, batch.Length);
            }

            if (stopAfterAcknowledged is { } threshold && result.Acknowledged.Count >= threshold)
            {
                lock (result)
                {
                    if (stopping is null)
                    {
                        result.WaitingAtStop = result.Acknowledged.Count - journal.Completions.Count;
                        stopping = app.StopAsync(CancellationToken.None);
                        journal.Release();
                    }
                }
            }
        });

        if (stopping is not null)
        {
            await stopping;
        }

        return result;
    }

    private sealed record PlannedCall(string Id, int FailFirst);

    private sealed class SendResult
    {
        public int Webhooks;
        public int Resent;
        public int ResentCalls;
        public int Failed;
        public int DuplicatesAnswered;
        public int WaitingAtStop;

        public ConcurrentDictionary<string, byte> AcknowledgedIds { get; } = new();

        public ICollection<string> Acknowledged => AcknowledgedIds.Keys;

        public ConcurrentBag<string> Refused { get; } = [];

        public void Acknowledge(string id, bool resend)
        {
            AcknowledgedIds.TryAdd(id, 0);
            if (resend)
            {
                Interlocked.Increment(ref DuplicatesAnswered);
            }
        }
    }
}

/// <summary>Records what the journal tool did: attempts, deliberate failures and completions per tool call id.</summary>
public sealed class Journal
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _held;
    private int _target = int.MaxValue;
    private int _attempts;
    private int _failures;

    public ConcurrentDictionary<string, int> Completions { get; } = new(StringComparer.Ordinal);

    public int Attempts => Volatile.Read(ref _attempts);

    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Makes every attempt wait until <see cref="Release"/>.</summary>
    public void Hold() => _held = true;

    /// <summary>Lets the waiting attempts (and all later ones) go on.</summary>
    public void Release() => _open.TrySetResult();

    /// <summary>Completes when attempts may go on.</summary>
    public Task OpenAsync() => _held ? _open.Task : Task.CompletedTask;

    public void Attempt(bool fail)
    {
        Interlocked.Increment(ref _attempts);
        if (fail)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    public void Complete(string toolCallId)
    {
        Completions.AddOrUpdate(toolCallId, 1, static (_, count) => count + 1);
        if (Completions.Count >= Volatile.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }

    public async Task WaitForAsync(int completions, TimeSpan timeout)
    {
        Volatile.Write(ref _target, completions);
        if (Completions.Count >= completions)
        {
            return;
        }

        try
        {
            await _reached.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Completions.Count} of {completions} calls completed within {timeout}.");
        }
    }
}

/// <summary>An async tool that fails on its first attempts as told, then records its completion.</summary>
public sealed class JournalTools(Journal journal)
{
    [FlireoTool("journal", Async = true)]
    public async Task RecordAsync(int failFirst, ToolCallContext call)
    {
        await journal.OpenAsync();
        var fail = call.Attempt <= failFirst;
        journal.Attempt(fail);
        if (fail)
        {
            throw new InvalidOperationException($"Transient failure on attempt {call.Attempt}.");
        }

        journal.Complete(call.ToolCallId);
    }
}
