using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Mcp.Tests.TestSupport;

namespace Flireo.Tools.Mcp.Tests;

/// <summary>MCP calls are traced and counted by the router like webhook calls.</summary>
public sealed class McpTelemetryTests
{
    [Fact]
    public async Task CallTool_SyncTool_IsTracedAsExecuteToolWithItsToolCallId()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlireoToolsDiagnostics.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await McpTestHost.StartAsync();
        await using var client = await host.ConnectAsync();

        var answer = JsonNode.Parse(McpResults.Text(await client.CallToolAsync("whoami", new Dictionary<string, object?>())))!;

        var toolCallId = answer["toolCallId"]!.GetValue<string>();
        var activity = stopped.Should().ContainSingle(a => (string?)a.GetTagItem("gen_ai.tool.call.id") == toolCallId).Subject;
        activity.DisplayName.Should().Be("execute_tool whoami");
        activity.GetTagItem("gen_ai.tool.name").Should().Be("whoami");
    }

    [Fact]
    public async Task CallTool_UnknownTool_IsCountedWithItsOutcome()
    {
        var measurements = new ConcurrentBag<(string? Tool, string? Outcome)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == FlireoToolsDiagnostics.MeterName && instrument.Name == "flireo.tools.calls")
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? tool = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "tool")
                {
                    tool = tag.Value as string;
                }
                else if (tag.Key == "outcome")
                {
                    outcome = tag.Value as string;
                }
            }

            measurements.Add((tool, outcome));
        });
        listener.Start();
        await using var host = await McpTestHost.StartAsync();
        await using var client = await host.ConnectAsync();
        var probe = "probe_" + Guid.NewGuid().ToString("N");

        var result = await client.CallToolAsync(probe, new Dictionary<string, object?>());

        result.IsError.Should().BeTrue();
        measurements.Should().ContainSingle(m => m.Tool == probe).Which.Outcome.Should().Be("unknown_tool");
    }
}
