using Flireo.Tools.Tests.Webhooks.Support;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.DependencyInjection;

public class WebhookFlireoToolsBuilderExtensionsTests
{
    [Fact]
    public void AddAssistantRequestHandler_Twice_LastOneWins()
    {
        var services = new ServiceCollection();
        var builder = new TestFlireoToolsBuilder(services);

        var returned = builder.AddAssistantRequestHandler<FirstAssistantHandler>().AddAssistantRequestHandler<SecondAssistantHandler>();

        returned.Should().BeSameAs(builder);
        services.Where(d => d.ServiceType == typeof(IAssistantRequestHandler)).Should().ContainSingle()
            .Which.ImplementationType.Should().Be<SecondAssistantHandler>();
    }

    [Fact]
    public void AddStatusUpdateAndEndOfCallReportHandlers_SameTypeTwice_RegisteredOnceInOrder()
    {
        var services = new ServiceCollection().AddLogging();
        new TestFlireoToolsBuilder(services)
            .AddStatusUpdateHandler<BothHandler>()
            .AddStatusUpdateHandler<OtherStatusHandler>()
            .AddStatusUpdateHandler<BothHandler>()
            .AddEndOfCallReportHandler<BothHandler>();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebhookHandlerOptions>>().Value;

        options.StatusUpdateHandlers.Should().Equal(typeof(BothHandler), typeof(OtherStatusHandler));
        options.EndOfCallReportHandlers.Should().Equal(typeof(BothHandler));
        provider.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeSameAs(provider.GetRequiredService<WebhookEventRunner>());
    }

    [Fact]
    public void AddHandler_NullBuilder_Throws()
    {
        var act = () => WebhookFlireoToolsBuilderExtensions.AddStatusUpdateHandler<OtherStatusHandler>(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    private sealed class FirstAssistantHandler : IAssistantRequestHandler
    {
        public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(AssistantResponse.Default);
    }

    private sealed class SecondAssistantHandler : IAssistantRequestHandler
    {
        public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(AssistantResponse.Default);
    }

    private sealed class BothHandler : IStatusUpdateHandler, IEndOfCallReportHandler
    {
        public ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class OtherStatusHandler : IStatusUpdateHandler
    {
        public ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
