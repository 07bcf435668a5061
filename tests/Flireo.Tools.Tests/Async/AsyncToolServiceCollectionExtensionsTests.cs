using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flireo.Tools.Tests.Async;

public sealed class AsyncToolServiceCollectionExtensionsTests
{
    [Fact]
    public void AddInProcessToolWorkQueue_CalledTwice_RegistersOneStoreOneQueueAndOneProcessor()
    {
        var services = Prerequisites(FakeToolWorkRunner.Succeeding(), TestClock.CreateTracking());

        services.AddInProcessToolWorkQueue().AddInProcessToolWorkQueue();

        using var provider = services.BuildServiceProvider();
        var queue = provider.GetRequiredService<IToolWorkQueue>().Should().BeOfType<DurableToolWorkQueue>().Subject;
        queue.Store.Should().BeSameAs(provider.GetRequiredService<InMemoryToolWorkStore>()).And.BeSameAs(provider.GetRequiredService<IToolWorkLeaseStore>());
        provider.GetRequiredService<IToolWorkQueueStatus>().Should().BeSameAs(queue);
        provider.GetService<IToolWorkDeadLetterStore>().Should().BeNull("the in-memory store keeps no dead letters");
        provider.GetServices<IHostedService>().OfType<DurableToolWorkProcessor>().Should().ContainSingle();
        services.Count(d => d.ServiceType == typeof(InMemoryToolWorkStore)).Should().Be(1);
    }

    [Fact]
    public async Task AddInProcessToolWorkQueue_QueueAlreadyRegistered_KeepsItAndTheProcessorFindsNothingToRun()
    {
        var runner = FakeToolWorkRunner.Succeeding();
        var services = Prerequisites(runner, TestClock.CreateTracking());
        var own = new OwnQueue();
        services.AddSingleton<IToolWorkQueue>(own);
        services.AddInProcessToolWorkQueue();
        await using var provider = services.BuildServiceProvider();
        var processor = provider.GetServices<IHostedService>().OfType<DurableToolWorkProcessor>().Single();

        await processor.StartAsync(CancellationToken.None);
        var result = await provider.GetRequiredService<IToolWorkQueue>().EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        await processor.StopAsync(CancellationToken.None).WaitAsync(TestTimeout.Value);

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
        own.Keys.Should().ContainSingle();
        runner.Attempts.Should().BeEmpty("the app's own queue gets the calls; the in-memory store stays empty");
    }

    [Fact]
    public async Task AddInProcessToolWorkQueue_InAHost_RunsAcceptedWorkAndDrainsOnStop()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeToolWorkRunner(async (_, _, _) =>
        {
            await gate.Task;
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        foreach (var descriptor in Prerequisites(runner, TestClock.CreateTracking()))
        {
            builder.Services.Add(descriptor);
        }

        builder.Services.AddInProcessToolWorkQueue();
        using var host = builder.Build();
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IToolWorkQueue>();
        var results = new[]
        {
            await queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None),
            await queue.EnqueueAsync(ProcessorHarness.Item("t2"), CancellationToken.None),
        };
        await runner.NextAttemptAsync();

        var stopping = host.StopAsync();
        var afterStop = await queue.EnqueueAsync(ProcessorHarness.Item("t3"), CancellationToken.None);
        gate.SetResult();
        await stopping.WaitAsync(TestTimeout.Value);

        results.Should().Equal(ToolWorkEnqueueResult.Accepted, ToolWorkEnqueueResult.Accepted);
        afterStop.Should().Be(ToolWorkEnqueueResult.Rejected);
        runner.Attempts.Select(a => a.Key).Should().BeEquivalentTo("call-1/t1", "call-1/t2");
    }

    private static ServiceCollection Prerequisites(FakeToolWorkRunner runner, TimeProvider timeProvider)
    {
        var services = new ServiceCollection();
        services.AddSingleton(timeProvider);
        services.AddOptions<FlireoToolsOptions>();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IToolWorkRunner>(runner);
        return services;
    }

    private sealed class OwnQueue : IToolWorkQueue
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Keys { get; } = new();

        public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
        {
            Keys.Enqueue(item.Key);
            return ValueTask.FromResult(ToolWorkEnqueueResult.Accepted);
        }
    }
}
