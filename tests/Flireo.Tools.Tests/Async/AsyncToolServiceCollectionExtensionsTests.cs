using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flireo.Tools.Tests.Async;

public sealed class AsyncToolServiceCollectionExtensionsTests
{
    [Fact]
    public void AddInProcessToolWorkQueue_CalledTwice_RegistersOneQueueAndOneProcessor()
    {
        var services = Prerequisites(FakeToolWorkRunner.Succeeding(), TestClock.Create());

        services.AddInProcessToolWorkQueue().AddInProcessToolWorkQueue();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IToolWorkQueue>().Should().BeSameAs(provider.GetRequiredService<ChannelToolWorkQueue>());
        provider.GetServices<IHostedService>().OfType<ToolWorkProcessor>().Should().ContainSingle();
    }

    [Fact]
    public void AddInProcessToolWorkQueue_QueueAlreadyRegistered_KeepsIt()
    {
        var services = Prerequisites(FakeToolWorkRunner.Succeeding(), TestClock.Create());
        var durable = new DurableQueue();
        services.AddSingleton<IToolWorkQueue>(durable);

        services.AddInProcessToolWorkQueue();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IToolWorkQueue>().Should().BeSameAs(durable);
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
        foreach (var descriptor in Prerequisites(runner, TestClock.Create()))
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

    private sealed class DurableQueue : IToolWorkQueue
    {
        public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ToolWorkEnqueueResult.Accepted);
    }
}
