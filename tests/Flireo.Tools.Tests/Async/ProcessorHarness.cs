using Flireo.Tools.Async;
using Flireo.Tools.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.Async;

/// <summary>The default in-memory store, the queue in front of it and the processor, wired with a fake clock, a fake runner and fake loggers.</summary>
internal sealed class ProcessorHarness : IAsyncDisposable
{
    public const string Arguments = """{"phone":"+31612345678","text":"See you at 8"}""";

    public ProcessorHarness(FakeToolWorkRunner runner, Action<AsyncToolOptions>? configure = null)
    {
        var options = new FlireoToolsOptions();
        options.AsyncTools.MaxConcurrency = 2;
        options.AsyncTools.QueueCapacity = 100;
        options.AsyncTools.RetryDelay = TimeSpan.FromSeconds(1);
        options.AsyncTools.MaxRetryDelay = TimeSpan.FromSeconds(30);
        options.AsyncTools.ShutdownTimeout = TimeSpan.FromSeconds(30);
        configure?.Invoke(options.AsyncTools);

        Runner = runner;
        Store = new InMemoryToolWorkStore(Options.Create(options), Time);
        var signal = new ToolWorkSignal();
        Queue = new DurableToolWorkQueue(Store, signal, Time, new FakeLogger<DurableToolWorkQueue>(Logs));
        Processor = new DurableToolWorkProcessor(Store, signal, runner, options.AsyncTools, new ToolWorkStoreOptions(), Time, new FakeLogger<DurableToolWorkProcessor>(Logs));
    }

    public TimerTrackingTimeProvider Time { get; } = TestClock.CreateTracking();

    public FakeLogCollector Logs { get; } = new();

    public FakeToolWorkRunner Runner { get; }

    public InMemoryToolWorkStore Store { get; }

    public DurableToolWorkQueue Queue { get; }

    public DurableToolWorkProcessor Processor { get; }

    /// <summary>Gets a tool name no other test uses, to tell this test's measurements apart.</summary>
    public string ToolName { get; } = "send_sms_" + Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<FakeLogRecord> Errors => [.. Logs.GetSnapshot().Where(r => r.Level == LogLevel.Error)];

    /// <summary>Waits until the processor has started a timer of <paramref name="dueTime"/>, then lets it fire.</summary>
    public async Task FireTimerAsync(TimeSpan dueTime)
    {
        await Time.WaitForTimerAsync(dueTime);
        Time.Advance(dueTime);
    }

    public static ToolWorkItem Item(string toolCallId, string toolName = "send_sms", string? callId = "call-1") => new()
    {
        ToolName = toolName,
        ToolCallId = toolCallId,
        CallId = callId,
        ArgumentsJson = Arguments,
        ContextJson = "{}",
    };

    public Task StartAsync() => Processor.StartAsync(CancellationToken.None);

    /// <summary>Stops the processor; a stop that does not finish fails the test instead of hanging it.</summary>
    public Task StopAsync() => Processor.StopAsync(CancellationToken.None).WaitAsync(TestTimeout.Value);

    public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(string toolCallId) =>
        Queue.EnqueueAsync(Item(toolCallId, ToolName), CancellationToken.None);

    /// <summary>Gets how many calls wait in the store to be run (new, released or waiting for a retry).</summary>
    public async Task<int> WaitingAsync() => (await Store.ListWaitingAsync(int.MaxValue, CancellationToken.None)).Count;

    public ValueTask DisposeAsync()
    {
        // Disposal without a stop cancels whatever a test left running.
        Processor.Dispose();
        Queue.Dispose();
        return ValueTask.CompletedTask;
    }
}
