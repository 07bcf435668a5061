using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Flireo.Tools.Dashboard.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Dashboard.Tests;

public sealed class MapFlireoDashboardStartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_OutsideDevelopmentWithoutAuthorization_RefusesNamingTheFix(string environment)
    {
        var act = async () => await DashboardHost.StartAsync(o => o.Environment = environment);

        var thrown = await act.Should().ThrowAsync<InvalidOperationException>();
        thrown.Which.Message.Should().Contain("/flireo/dashboard").And.Contain(".RequireAuthorization()").And.Contain("Flireo:Dashboard:AllowAnonymous");
    }

    [Fact]
    public async Task Start_InProductionWithRequireAuthorization_StartsAndServesOnlySignedInUsers()
    {
        await using var host = await DashboardHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.Authentication = true;
            o.Dashboard = static d => d.RequireAuthorization();
        });

        var (anonymous, _) = await host.GetAsync("/flireo/dashboard");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/flireo/dashboard");
        request.Headers.Add(TestAuthHandler.Header, "ops@example.com");
        using var signedIn = await host.Client.SendAsync(request);

        anonymous.Should().Be(HttpStatusCode.Unauthorized);
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_RequireAuthorizationUndoneByAllowAnonymous_StillRefuses()
    {
        var act = async () => await DashboardHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.Authentication = true;
            o.Dashboard = static d => d.RequireAuthorization().AllowAnonymous();
        });

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*RequireAuthorization*");
    }

    [Fact]
    public async Task Start_InProductionWithAllowAnonymous_StartsAndWarns()
    {
        await using var host = await DashboardHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.Settings["Flireo:Dashboard:AllowAnonymous"] = "true";
        });

        var (status, _) = await host.GetAsync("/flireo/dashboard");

        status.Should().Be(HttpStatusCode.OK);
        host.Logs.Entries.Should().Contain(e => e.EventId == 7002 && e.Message.Contains("AllowAnonymous", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InDevelopmentWithoutAuthorization_StartsAndWarns()
    {
        await using var host = await DashboardHost.StartAsync();

        host.Logs.Entries.Should().Contain(e => e.EventId == 7001 && e.Message.Contains("RequireAuthorization", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Map_WithoutAddFlireoDashboard_ThrowsNamingTheMissingCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var act = () => app.MapFlireoDashboard();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddFlireoDashboard()*");
    }

    [Fact]
    public async Task Map_PatternWithParameters_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddFlireoDashboard();
        await using var app = builder.Build();

        var act = () => app.MapFlireoDashboard("/{tenant}/dashboard");

        act.Should().Throw<ArgumentException>().WithMessage("*without route parameters*");
    }

    [Fact]
    public async Task Start_RecentCallsOutOfRange_FailsNamingTheSetting()
    {
        var act = async () => await DashboardHost.StartAsync(o => o.Settings["Flireo:Dashboard:RecentCalls"] = "-1");

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("Flireo:Dashboard:RecentCalls");
    }

    [Fact]
    public async Task Map_UnderAnotherPath_LinksFollowThePattern()
    {
        await using var host = await DashboardHost.StartAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Services.AddFlireoTools().AddTools<DashboardTools>();
        builder.Services.AddSingleton(new ToolProbe());
        builder.Services.AddFlireoDashboard();
        await using var app = builder.Build();
        app.MapGroup("/ops").MapFlireoDashboard("/tools-board");
        await app.StartAsync();
        using var client = app.GetTestClient();

        var html = await client.GetStringAsync(new Uri("/ops/tools-board", UriKind.Relative));

        html.Should().Contain("href=\"/ops/tools-board/calls\"").And.Contain("href=\"/ops/tools-board/tools/dash_greet\"");
    }
}
