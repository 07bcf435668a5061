using System.Diagnostics;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Flireo.Tools.Tests.Diagnostics;

public class TelemetryTests
{
    [Fact]
    public async Task Route_RecordsAnExecuteToolSpanWithGenAiAttributesAndMetrics()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == FlireoToolsDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var calls = new MetricCollector<long>(null, FlireoToolsDiagnostics.MeterName, "flireo.tools.calls");
        using var errors = new MetricCollector<long>(null, FlireoToolsDiagnostics.MeterName, "flireo.tools.errors");
        using var host = new RouterHost(b => b.AddTools<SampleTools>(), null, s => s.AddSingleton<IGreetingService, GreetingService>());
        using var message = TestWebhooks.ToolCalls(("span-1", "refuse", new { why = "x" }));

        await host.Router.RouteAsync(message, CancellationToken.None);

        Activity span;
        lock (spans)
        {
            span = spans.Should().ContainSingle(a => (string?)a.GetTagItem("gen_ai.tool.call.id") == "span-1").Subject;
        }

        span.DisplayName.Should().Be("execute_tool refuse");
        span.GetTagItem("gen_ai.operation.name").Should().Be("execute_tool");
        span.GetTagItem("gen_ai.tool.name").Should().Be("refuse");
        span.Status.Should().Be(ActivityStatusCode.Error);
        calls.GetMeasurementSnapshot().Should().Contain(m => (string?)m.Tags["tool"] == "refuse" && (string?)m.Tags["outcome"] == "ToolError");
        errors.GetMeasurementSnapshot().Should().Contain(m => (string?)m.Tags["tool"] == "refuse");
    }
}
