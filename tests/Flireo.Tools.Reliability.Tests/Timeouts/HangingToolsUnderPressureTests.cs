using System.Diagnostics;
using System.Globalization;
using System.Net;
using Flireo.Tools.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Flireo.Tools.Reliability.Tests.Timeouts;

/// <summary>Runs the real server with a 1-second sync deadline and floods it with tools that hang or block their threads.</summary>
/// <remarks>
/// The clock is real and the server is a separate process, so a starved thread pool in the server shows as late answers
/// here. Before tool code ran on its own threads, 200 blocked tools left answers waiting longer than a minute.
/// </remarks>
[Collection(nameof(ReliabilityServerCollection))]
public sealed class HangingToolsUnderPressureTests(ReliabilityServer server, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    // Generous for a shared 2-core CI machine; measured figures are in docs/reliability.md.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Webhooks_200ToolsHangOrBlockTheirThreads_AllAnsweredAtTheDeadlineWhileOtherCallsAreServed()
    {
        await WarmUpAsync(200);
        string[] tools = ["hang_async", "hang_sleep", "hang_wait"];

        var hanging = Enumerable.Range(0, 200)
            .Select(i => TimedCallAsync($"hang-{i}", tools[i % tools.Length], new { seconds = 4 }))
            .ToArray();
        var normal = ServeNormalTrafficAsync(Task.WhenAll(hanging));
        var answers = await Task.WhenAll(hanging);
        var echoes = await normal;

        Report("hanging tools", answers);
        Report("echo during the flood", echoes);
        answers.Should().AllSatisfy(a =>
        {
            a.Status.Should().Be(HttpStatusCode.OK);
            a.Error.Should().Be($"The tool '{a.Tool}' did not answer within 1 seconds.");
        });
        answers.Max(a => a.Elapsed).Should().BeLessThan(Deadline + Margin, "every webhook is answered at its deadline even when its tool blocks its thread");
        echoes.Should().NotBeEmpty().And.AllSatisfy(e => e.Error.Should().BeNull());
        echoes.Max(e => e.Elapsed).Should().BeLessThan(Margin, "fast tools keep answering while others hang");
    }

    private async Task WarmUpAsync(int connections)
    {
        var warm = await Task.WhenAll(Enumerable.Range(0, connections).Select(i => TimedCallAsync($"warm-{Guid.NewGuid():N}", "echo_text", new { text = "warm" })));
        warm.Should().AllSatisfy(a => a.Error.Should().BeNull());
    }

    private async Task<List<Answer>> ServeNormalTrafficAsync(Task until)
    {
        var answers = new List<Answer>();
        var i = 0;
        while (!until.IsCompleted)
        {
            answers.Add(await TimedCallAsync($"echo-{i++}", "echo_text", new { text = "still here" }));
        }

        return answers;
    }

    private async Task<Answer> TimedCallAsync(string id, string tool, object arguments)
    {
        var body = SignedWebhooks.ToolCalls("call-" + id, (id, tool, arguments));
        using var request = SignedWebhooks.Post("/flireo", body, ReliabilityServer.Secret);
        var started = Stopwatch.GetTimestamp();
        using var response = await server.Process.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var error = response.IsSuccessStatusCode ? SignedWebhooks.Results(text)[0].Error : text;
        return new Answer(tool, response.StatusCode, error, elapsed);
    }

    private void Report(string what, IReadOnlyCollection<Answer> answers)
    {
        var sorted = answers.Select(a => a.Elapsed.TotalMilliseconds).Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: n={sorted.Length} min={sorted[0]:0} p50={sorted[sorted.Length / 2]:0} p99={sorted[(int)(sorted.Length * 0.99)]:0} max={sorted[^1]:0} ms"));
    }

    private sealed record Answer(string Tool, HttpStatusCode Status, string? Error, TimeSpan Elapsed);
}
