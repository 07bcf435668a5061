using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Flireo.Tools.Protocol;
using Flireo.Tools.Tests.Webhooks.Support;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Tests.Webhooks;

public sealed class TypedEndOfCallReportHandlerTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly Received _received = new();
    private ServiceProvider? _provider;

    public void Dispose() => _provider?.Dispose();

    [Fact]
    public async Task Publish_StructuredData_IsBoundToTheHandlersType()
    {
        var dispatcher = Build();
        using var message = Parse("""{"structured_data":{"booked":true,"guests":4,"reason":"birthday"}}""");

        dispatcher.Publish(message);
        var (report, data) = await _received.Next();

        data.Should().Be(new CallOutcome(true, 4, "birthday"));
        report.Call.Id.Should().Be("call-7");
        report.Analysis!.Value.GetProperty("structured_data").GetProperty("guests").GetInt32().Should().Be(4, "the raw analysis stays on the report");
    }

    [Fact]
    public async Task Publish_AnalysisWithoutStructuredData_BindsTheAnalysisItself()
    {
        var dispatcher = Build();
        using var message = Parse("""{"booked":false,"guests":null,"reason":"opening hours"}""");

        dispatcher.Publish(message);
        var (_, data) = await _received.Next();

        data.Should().Be(new CallOutcome(false, null, "opening hours"));
    }

    [Fact]
    public async Task Publish_NoAnalysis_PassesDefault()
    {
        var dispatcher = Build();
        using var message = Parse(null);

        dispatcher.Publish(message);
        var (report, data) = await _received.Next();

        data.Should().BeNull();
        report.Summary.Should().Be("ok");
    }

    [Fact]
    public async Task Publish_AnalysisOfAnotherShape_IsLoggedWithTheCallAndTheType()
    {
        var dispatcher = Build();
        using var message = Parse("""{"structured_data":{"booked":"maybe","reason":"?"}}""");

        dispatcher.Publish(message);
        var failure = await _logs.WaitForAsync(e => e.EventId.Id == 4012);

        failure.Message.Should().Contain(nameof(OutcomeHandler)).And.Contain("call-7");
        failure.Exception!.Message.Should().Contain("call-7").And.Contain(nameof(CallOutcome));
        _received.Count.Should().Be(0);
    }

    [Fact]
    public async Task Publish_BindsWithTheAppsSerializerOptions()
    {
        var dispatcher = Build(options => options.SerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        using var message = Parse("""{"structured_data":{"booked":true,"guests":2,"reason":"anniversary"}}""");

        dispatcher.Publish(message);
        var (_, data) = await _received.Next();

        data.Should().Be(new CallOutcome(true, 2, "anniversary"));
    }

    private static WebhookMessage Parse(string? analysis)
    {
        var json = "{\"message\":{\"type\":\"end-of-call-report\",\"call\":{\"id\":\"call-7\",\"status\":\"ended\"},\"duration_seconds\":30,\"summary\":\"ok\""
            + (analysis is null ? string.Empty : ",\"analysis\":" + analysis) + "}}";
        WebhookMessage.TryParse(Encoding.UTF8.GetBytes(json), out var message, out var error).Should().BeTrue(error);
        return message!;
    }

    private WebhookDispatcher Build(Action<FlireoToolsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(_received);
        services.Configure<FlireoToolsOptions>(options => configure?.Invoke(options));
        services.AddFlireoWebhookDispatch();
        new TestFlireoToolsBuilder(services).AddEndOfCallReportHandler<OutcomeHandler>();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return _provider.GetRequiredService<WebhookDispatcher>();
    }

    public sealed record CallOutcome(bool Booked, int? Guests, string Reason);

    public sealed class Received
    {
        private readonly Channel<(EndOfCallReport, CallOutcome?)> _channel = Channel.CreateUnbounded<(EndOfCallReport, CallOutcome?)>();

        public int Count => _channel.Reader.Count;

        public void Add(EndOfCallReport report, CallOutcome? data) => _channel.Writer.TryWrite((report, data));

        public Task<(EndOfCallReport Report, CallOutcome? Data)> Next() => _channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class OutcomeHandler(Received received) : IEndOfCallReportHandler<CallOutcome>
    {
        public ValueTask HandleAsync(EndOfCallReport report, CallOutcome? data, CancellationToken cancellationToken)
        {
            received.Add(report, data);
            return ValueTask.CompletedTask;
        }
    }
}
