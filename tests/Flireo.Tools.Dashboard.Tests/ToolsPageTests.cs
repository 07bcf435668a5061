using System.Net;
using Flireo.Tools.Dashboard.Tests.Support;

namespace Flireo.Tools.Dashboard.Tests;

public sealed class ToolsPageTests
{
    [Fact]
    public async Task Index_ListsEveryToolWithDescriptionMessageAndTimeLimit()
    {
        await using var host = await DashboardHost.StartAsync();

        var (status, html) = await host.GetAsync("/flireo/dashboard");

        status.Should().Be(HttpStatusCode.OK);
        var table = DashboardHost.TextOf(html, "tools");
        table.Should().Contain("dash_greet").And.Contain("dash_boom").And.Contain("dash_note");
        table.Should().Contain("Greets someone <b>warmly</b> & says their mood.");
        table.Should().Contain("One moment, I'll look that up <now>.");
        table.Should().Contain("9 s (Flireo:SyncTimeout)").And.Contain("60 s (Flireo:AsyncTools:Timeout) per attempt");
    }

    [Fact]
    public async Task Index_EncodesToolTexts_NoMarkupFromDataReachesThePage()
    {
        await using var host = await DashboardHost.StartAsync();

        var (_, html) = await host.GetAsync("/flireo/dashboard");

        html.Should().Contain("Greets someone &lt;b&gt;warmly&lt;/b&gt; &amp; says their mood.");
        html.Should().NotContain("<b>warmly</b>").And.NotContain("<now>");
    }

    [Fact]
    public async Task ToolPage_ShowsSchemaAndAFormGeneratedFromIt()
    {
        await using var host = await DashboardHost.StartAsync();

        var (status, html) = await host.GetAsync("/flireo/dashboard/tools/dash_greet");

        status.Should().Be(HttpStatusCode.OK);
        DashboardHost.TextOf(html, "schema").Should().Contain("\"name\"").And.Contain("\"mood\"").And.Contain("\"times\"");
        html.Should().Contain("<input type=\"text\" id=\"f-name\" name=\"arg:name\"");
        html.Should().Contain("<select id=\"f-mood\" name=\"arg:mood\">").And.Contain("<option value=\"Grumpy\">Grumpy</option>");
        html.Should().Contain("<select id=\"f-shout\" name=\"arg:shout\">");
        html.Should().Contain("id=\"f-times\" name=\"arg:times\"");
        html.Should().Contain("name=\"__RequestVerificationToken\"");
        html.Should().Contain("action=\"/flireo/dashboard/tools/dash_greet\"");
    }

    [Fact]
    public async Task ToolPage_UnknownTool_Answers404WithTheNameEncoded()
    {
        await using var host = await DashboardHost.StartAsync();

        var (status, html) = await host.GetAsync("/flireo/dashboard/tools/%3Cscript%3Ex");

        status.Should().Be(HttpStatusCode.NotFound);
        html.Should().Contain("There is no tool named &#x27;&lt;script&gt;x&#x27;.").And.NotContain("<script>");
    }

    [Fact]
    public async Task Pages_SendNoScriptAndAStrictContentSecurityPolicy()
    {
        await using var host = await DashboardHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("/flireo/dashboard/calls", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none';");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        html.Should().NotContain("<script").And.NotContain("http://").And.NotContain("https://");
    }

    [Fact]
    public async Task Pages_NeverShowTheWebhookSecretOrTheBearerToken()
    {
        await using var host = await DashboardHost.StartAsync(o => o.Settings["Flireo:Dashboard:ShowPayloads"] = "true");
        var (_, page) = await host.GetAsync("/flireo/dashboard/tools/dash_greet");
        var (_, answer) = await host.PostFormAsync("/flireo/dashboard/tools/dash_greet", [new("arg:name", "Ada")], DashboardHost.TokenOf(page));

        var pages = new List<string> { page, answer };
        foreach (var path in new[] { "/flireo/dashboard", "/flireo/dashboard/calls", "/flireo/dashboard/async" })
        {
            pages.Add((await host.GetAsync(path)).Html);
        }

        DashboardHost.TextOf(answer, "status").Should().Be("200");
        foreach (var html in pages)
        {
            html.Should().NotContain(DashboardHost.Secret).And.NotContain(DashboardHost.BearerToken).And.NotContain("sha256=");
        }
    }
}
