using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Flireo.Tools.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.AspNetCore.Tests;

public sealed class MapFlireoWebhooksConventionTests
{
    [Fact]
    public async Task RequireAuthorization_Chained_AppliesToBothRoutes()
    {
        await using var host = await WebhookHost.StartAsync(
            configureBuilder: b =>
            {
                b.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                b.Services.AddAuthorization();
            },
            map: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapFlireoWebhooks().RequireAuthorization();
            },
            useSlimBuilder: false);

        using var anonymous = await host.PostSignedAsync(Bodies.StatusUpdate);
        using var anonymousPerTool = await host.PostSignedAsync(Bodies.ToolCall("lookup_contact"), "/flireo/tools/lookup_contact");
        var authenticated = host.Signed(Bodies.StatusUpdate);
        authenticated.Headers.Add(HeaderAuthenticationHandler.Header, "flireo");
        using var allowed = await host.SendAsync(authenticated);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymousPerTool.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequireRateLimiting_Chained_RejectsOverTheLimit()
    {
        await using var host = await WebhookHost.StartAsync(
            configureBuilder: b => b.Services.AddRateLimiter(o =>
            {
                o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                o.AddFixedWindowLimiter("flireo", l =>
                {
                    l.PermitLimit = 1;
                    l.Window = TimeSpan.FromHours(1);
                    l.QueueLimit = 0;
                });
            }),
            map: app =>
            {
                app.UseRateLimiter();
                app.MapFlireoWebhooks().RequireRateLimiting("flireo");
            });

        using var first = await host.PostSignedAsync(Bodies.StatusUpdate);
        using var second = await host.PostSignedAsync(Bodies.StatusUpdate);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task SlimBuilder_EndToEnd_AnswersToolCalls()
    {
        await using var host = await WebhookHost.StartAsync(useSlimBuilder: true);

        using var response = await host.PostSignedAsync(Bodies.CamelToolCalls);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WebhookHost.ReadJsonAsync(response)).GetProperty("results")[0].GetProperty("toolCallId").GetString().Should().Be("tool_abc123");
    }

    private sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestHeader";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
