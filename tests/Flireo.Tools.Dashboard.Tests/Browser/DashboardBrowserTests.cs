using Flireo.Tools.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Flireo.Tools.Dashboard.Tests.Browser;

/// <summary>Drives the dashboard in headless Chromium against a real Kestrel on a free loopback port; screenshots go to the test results.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Browser_EachPage_LoadsWithItsContent()
    {
        await using var host = await StartAsync();
        await host.SendToolCallAsync("dash_greet", "{\"name\":\"Ada\"}", toolCallId: "tc-browser");
        var page = await chromium.NewPageAsync();

        var tools = await page.GotoAsync(host.BaseAddress + "/flireo/dashboard");
        await chromium.ScreenshotAsync(page, "tools");
        var toolsHeading = await page.Locator("h1").TextContentAsync();
        var toolNames = await page.Locator("#tools tbody tr td:first-child").AllTextContentsAsync();
        await page.ClickAsync("text=dash_greet");
        await page.WaitForSelectorAsync("#try");
        await chromium.ScreenshotAsync(page, "tool");
        var toolHeading = await page.Locator("h1").TextContentAsync();
        await page.ClickAsync("header >> text=Recent calls");
        await page.WaitForSelectorAsync("#calls");
        await chromium.ScreenshotAsync(page, "recent-calls");
        var callRow = await page.Locator("#calls tbody tr").First.TextContentAsync();
        var sparkBars = await page.Locator("#sparklines tr[data-tool='dash_greet'] svg rect.d").CountAsync();
        await page.ClickAsync("header >> text=Async work");
        await page.WaitForSelectorAsync("#queue");
        await chromium.ScreenshotAsync(page, "async-work");
        var queue = await page.Locator("#queue").TextContentAsync();

        tools!.Status.Should().Be(200);
        toolsHeading.Should().Be("Tools");
        toolNames.Should().Equal("dash_boom", "dash_greet", "dash_note");
        toolHeading.Should().Be("dash_greet");
        callRow.Should().Contain("tc-browser").And.Contain("dash_greet").And.Contain("ok");
        sparkBars.Should().Be(1);
        queue.Should().Contain("in memory");
    }

    [Fact]
    public async Task Browser_TryItForm_ShowsTheAnswerAndTheTimeTaken()
    {
        await using var host = await StartAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(host.BaseAddress + "/flireo/dashboard/tools/dash_greet");

        await page.FillAsync("#f-name", "Ada <Lovelace>");
        await page.SelectOptionAsync("#f-mood", "Grumpy");
        await page.FillAsync("#f-times", "3");
        await page.ClickAsync("#call");
        await page.WaitForSelectorAsync("#answer-body");
        await chromium.ScreenshotAsync(page, "try-it-answer");
        var status = await page.Locator("#status").TextContentAsync();
        var elapsed = await page.Locator("#elapsed").TextContentAsync();
        var body = await page.Locator("#answer-body").TextContentAsync();
        var name = await page.InputValueAsync("#f-name");

        status.Should().Be("200");
        elapsed.Should().MatchRegex("^[0-9.]+ ms$");
        using (var answer = System.Text.Json.JsonDocument.Parse(body!))
        {
            answer.RootElement.GetProperty("results")[0].GetProperty("result").GetString().Should().Be("Hello, Ada <Lovelace> (Grumpy) x3");
        }

        name.Should().Be("Ada <Lovelace>");
        host.Probe.Greetings.Should().Be(1);
    }

    [Fact]
    public async Task Browser_RetryADeadLetter_ItRunsAgainAndSucceeds()
    {
        await using var host = await StartAsync(sqlite: true);
        await host.SendToolCallAsync("dash_flaky", "{\"order\":\"Z-9\"}", callId: "call-browser", toolCallId: "tc-retry");
        var key = await AsyncWorkPageTests.WaitForDeadLetterAsync(host);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(host.BaseAddress + "/flireo/dashboard/async");
        await chromium.ScreenshotAsync(page, "dead-letter");
        var letter = await page.Locator("#dead-letters tbody tr").First.TextContentAsync();

        await page.ClickAsync("#dead-letters button.retry");
        await page.WaitForSelectorAsync("#notice");
        var notice = await page.Locator("#notice").TextContentAsync();
        await host.Probe.FlakySucceeded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.Logs.WaitForAsync(2005);
        await page.ReloadAsync();
        await chromium.ScreenshotAsync(page, "dead-letter-retried");
        var finished = await page.Locator("#async-finished").TextContentAsync();
        var deadLetters = await page.Locator("#dead-letters").TextContentAsync();

        letter.Should().Contain("dash_flaky").And.Contain("tc-retry").And.Contain("The warehouse refused order Z-9 <for now>.");
        notice.Should().Contain("queued again").And.Contain(key);
        finished.Should().Contain("Succeeded").And.Contain("tc-retry");
        deadLetters.Should().Contain("No dead letters");
    }

    private static Task<DashboardHost> StartAsync(bool sqlite = false) => DashboardHost.StartAsync(o =>
    {
        o.Kestrel = true;
        o.RealTime = true;
        o.Sqlite = sqlite;
    });
}
