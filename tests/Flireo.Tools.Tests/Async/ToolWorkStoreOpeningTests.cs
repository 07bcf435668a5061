using Flireo.Tools.Async;
using Flireo.Tools.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.Async;

/// <summary>A store that opens in the background: new calls wait for the open, the processor claims once it is open, and a failed open refuses calls and stops the host.</summary>
public sealed class ToolWorkStoreOpeningTests : IAsyncDisposable
{
    private const int StoreRefusedEvent = 2023;
    private const int StoreOpenFailedEvent = 2025;

    private readonly FakeLogCollector _logs = new();
    private readonly TimerTrackingTimeProvider _time = TestClock.CreateTracking();
    private readonly FakeToolWorkRunner _runner = FakeToolWorkRunner.Succeeding();
    private readonly StoppableLifetime _lifetime = new();
    private readonly InMemoryToolWorkStore _inner;
    private readonly GatedOpenStore _store;
    private readonly DurableToolWorkQueue _queue;
    private readonly DurableToolWorkProcessor _processor;

    public ToolWorkStoreOpeningTests()
    {
        var options = new FlireoToolsOptions();
        options.AsyncTools.ShutdownTimeout = TimeSpan.FromSeconds(30);
        _inner = new InMemoryToolWorkStore(Options.Create(options), _time);
        _store = new GatedOpenStore(_inner);
        var signal = new ToolWorkSignal();
        _queue = new DurableToolWorkQueue(_store, signal, _time, new FakeLogger<DurableToolWorkQueue>(_logs));
        _processor = new DurableToolWorkProcessor(_store, signal, _runner, options.AsyncTools, new ToolWorkStoreOptions(), _time, new FakeLogger<DurableToolWorkProcessor>(_logs), _lifetime);
    }

    [Fact]
    public async Task EnqueueAsync_StoreStillOpening_WaitsForTheOpenThenStoresTheCall()
    {
        var offered = _queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None).AsTask();
        var waitedForTheOpen = !offered.IsCompleted && _store.Enqueued == 0;

        _store.Gate.SetResult();
        var result = await offered.WaitAsync(TestTimeout.Value);

        waitedForTheOpen.Should().BeTrue("the call must not reach a store that is not open");
        result.Should().Be(ToolWorkEnqueueResult.Accepted);
        (await _inner.ListWaitingAsync(10, CancellationToken.None)).Should().ContainSingle().Which.ToolCallId.Should().Be("t1");
    }

    [Fact]
    public async Task EnqueueAsync_WebhookAbortedWhileTheStoreOpens_ThrowsAndStoresNothing()
    {
        using var aborted = new CancellationTokenSource();
        var offered = _queue.EnqueueAsync(ProcessorHarness.Item("t1"), aborted.Token).AsTask();

        await aborted.CancelAsync();
        var act = () => offered.WaitAsync(TestTimeout.Value);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _store.Gate.SetResult();
        _store.Enqueued.Should().Be(0);
        (await _inner.ListWaitingAsync(10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task EnqueueAsync_StoreCannotBeOpened_RefusesTheCallAsStoreUnavailable()
    {
        _store.Gate.SetException(new InvalidOperationException("Cannot open the async work database '/data/work.db': disk I/O error"));

        var result = await _queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Rejected);
        _store.Enqueued.Should().Be(0);
        _logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == StoreRefusedEvent)
            .Which.Exception!.Message.Should().Contain("/data/work.db");
        _queue.Count.Should().Be(0, "a store that is not open has no status to read");
    }

    [Fact]
    public async Task Processor_DurableStore_LeavesItAloneForTheStartGraceThenOpensIt()
    {
        await _processor.StartAsync(CancellationToken.None);
        await _time.WaitForTimerAsync(DurableToolWorkProcessor.StartGrace);
        var openRequestsDuringTheGrace = _store.OpenRequests;

        _time.Advance(DurableToolWorkProcessor.StartGrace);
        await _store.OpenRequested.WaitAsync(TestTimeout.Value);

        openRequestsDuringTheGrace.Should().Be(0, "the host's start and its first webhooks come first");
        _store.Claims.Should().Be(0, "the store is not open yet");
    }

    [Fact]
    public async Task Processor_StoreStillOpening_ClaimsOnlyOnceItIsOpen()
    {
        await _inner.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        await _processor.StartAsync(CancellationToken.None);
        await _time.WaitForTimerAsync(DurableToolWorkProcessor.StartGrace);
        _time.Advance(DurableToolWorkProcessor.StartGrace);
        await _store.OpenRequested.WaitAsync(TestTimeout.Value);
        var claimsWhileOpening = _store.Claims;

        _store.Gate.SetResult();
        var attempt = await _runner.NextAttemptAsync();

        claimsWhileOpening.Should().Be(0);
        attempt.Should().Be(("call-1/t1", 1));
        _lifetime.StopRequested.Should().BeFalse();
    }

    [Fact]
    public async Task Processor_CallStoredDuringTheStartGrace_RunsWithoutWaitingForTheGrace()
    {
        await _processor.StartAsync(CancellationToken.None);
        var offered = _queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None).AsTask();

        _store.Gate.SetResult();
        var result = await offered.WaitAsync(TestTimeout.Value);
        var attempt = await _runner.NextAttemptAsync();

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
        attempt.Should().Be(("call-1/t1", 1));
    }

    [Fact]
    public async Task Processor_StoreCannotBeOpened_LogsCriticalStopsTheHostAndNeverClaims()
    {
        await _processor.StartAsync(CancellationToken.None);
        await _time.WaitForTimerAsync(DurableToolWorkProcessor.StartGrace);
        _time.Advance(DurableToolWorkProcessor.StartGrace);

        _store.Gate.SetException(new InvalidOperationException("Cannot open the async work database '/data/work.db': file is not a database"));
        await _lifetime.Stopping.WaitAsync(TestTimeout.Value);
        await _processor.StopAsync(CancellationToken.None).WaitAsync(TestTimeout.Value);

        var failed = _logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == StoreOpenFailedEvent).Which;
        failed.Level.Should().Be(LogLevel.Critical);
        failed.Exception!.Message.Should().Contain("file is not a database");
        _store.Claims.Should().Be(0);
        _logs.GetSnapshot().Should().NotContain(r => r.Level == LogLevel.Error, "nothing was claimed, so nothing is drained or listed at the stop");
    }

    public ValueTask DisposeAsync()
    {
        _processor.Dispose();
        _queue.Dispose();
        _lifetime.Dispose();
        return ValueTask.CompletedTask;
    }

    // The part of the host's lifetime the processor uses: StopApplication.
    private sealed class StoppableLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public bool StopRequested => _stopping.IsCancellationRequested;

        public Task Stopping => _stopped.Task;

        public void StopApplication()
        {
            _stopping.Cancel();
            _stopped.TrySetResult();
        }

        public void Dispose() => _stopping.Dispose();
    }
}
