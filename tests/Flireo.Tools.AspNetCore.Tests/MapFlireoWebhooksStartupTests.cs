using System.Net;
using Flireo.Tools.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.AspNetCore.Tests;

public sealed class MapFlireoWebhooksStartupTests
{
    [Fact]
    public async Task Map_WithoutAddFlireoTools_ThrowsNamingTheMissingCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var act = () => app.MapFlireoWebhooks();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddFlireoTools*");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Map_NoSecretOutsideDevelopment_RefusesToStartNamingTheSettings(string environment)
    {
        var act = async () => await WebhookHost.StartAsync(o => o.WebhookSecret = null, environment: environment);

        var thrown = await act.Should().ThrowAsync<InvalidOperationException>();
        thrown.Which.Message.Should().Contain("Flireo:WebhookSecret").And.Contain("AllowUnsignedRequests");
    }

    [Fact]
    public async Task Map_NoSecretInDevelopment_StartsAcceptsUnsignedAndWarnsLoudly()
    {
        await using var host = await WebhookHost.StartAsync(o => o.WebhookSecret = null, environment: "Development");

        using var response = await host.SendAsync(host.Signed(Bodies.StatusUpdate, secret: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var warning = host.Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4055).Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("UNSIGNED").And.Contain("Flireo:WebhookSecret");
    }

    [Fact]
    public async Task Map_NoSecretButAllowUnsignedRequests_StartsInProductionAndAcceptsUnsigned()
    {
        await using var host = await WebhookHost.StartAsync(o =>
        {
            o.WebhookSecret = null;
            o.AllowUnsignedRequests = true;
        });

        using var response = await host.SendAsync(host.Signed(Bodies.StatusUpdate, secret: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Logs.Entries.Should().Contain(e => e.EventId.Id == 4056);
    }

    [Fact]
    public async Task Map_SecretConfiguredInDevelopment_StillRequiresSignatures()
    {
        await using var host = await WebhookHost.StartAsync(environment: "Development");

        using var response = await host.SendAsync(host.Signed(Bodies.StatusUpdate, secret: null));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Map_OnlyAdditionalSecret_IsEnoughToStartInProduction()
    {
        await using var host = await WebhookHost.StartAsync(o =>
        {
            o.WebhookSecret = null;
            o.AdditionalWebhookSecrets.Add("only-secret");
        });

        using var response = await host.SendAsync(host.Signed(Bodies.StatusUpdate, secret: "only-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Map_SecretFromConfiguration_IsUsed()
    {
        await using var host = await WebhookHost.StartAsync(configureBuilder: b => b.Configuration["Flireo:WebhookSecret"] = "from-config");

        using var accepted = await host.SendAsync(host.Signed(Bodies.StatusUpdate, secret: "from-config"));
        using var rejected = await host.SendAsync(host.Signed(Bodies.StatusUpdate));

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        rejected.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Map_CustomPattern_ServesThatPathOnly()
    {
        await using var host = await WebhookHost.StartAsync(map: app => app.MapFlireoWebhooks("/hooks/voice"));

        using var custom = await host.PostSignedAsync(Bodies.StatusUpdate, "/hooks/voice");
        using var perTool = await host.PostSignedAsync(Bodies.ToolCall("lookup_contact", arguments: """{"query":"A"}"""), "/hooks/voice/tools/lookup_contact");
        using var old = await host.PostSignedAsync(Bodies.StatusUpdate, "/flireo");

        custom.StatusCode.Should().Be(HttpStatusCode.OK);
        perTool.StatusCode.Should().Be(HttpStatusCode.OK);
        old.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
