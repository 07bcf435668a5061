using Flireo.Tools.Definitions;
using Flireo.Tools.Protocol;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Definitions;

/// <summary>The spoken text of a tool: <see cref="FlireoToolAttribute.Message"/>, and the obsolete <c>AsyncResponse</c> that aliases it.</summary>
public class ToolMessageTests
{
    [Fact]
    public void AsyncResponse_IsAnAliasOfMessage()
    {
#pragma warning disable CS0618 // The alias itself is under test.
        var viaAlias = new FlireoToolAttribute { AsyncResponse = "One moment." };
        var viaMessage = new FlireoToolAttribute { Message = "Let me check." };

        viaAlias.Message.Should().Be("One moment.");
        viaMessage.AsyncResponse.Should().Be("Let me check.");
#pragma warning restore CS0618
    }

    [Fact]
    public void Descriptor_OfAToolWithTheLegacyName_ExposesTheTextAsMessage()
    {
        var catalog = ToolCatalog.Create([typeof(LegacyTools)]);

        catalog.TryGetTool("notify_team", out var tool).Should().BeTrue();
        tool!.Message.Should().Be("I'll let the team know.");
    }

    [Fact]
    public void Export_ToolWithTheLegacyName_WritesMessage()
    {
        var item = ToolDefinitions.Export(ToolCatalog.Create([typeof(LegacyTools)]).Tools).Single()!.AsObject();

        item["message"]!.GetValue<string>().Should().Be("I'll let the team know.");
        item.ContainsKey("async_response").Should().BeFalse();
    }

    [Fact]
    public async Task Router_AsyncToolWithTheLegacyName_IsAcknowledgedWithItsText()
    {
        using var host = new RouterHost(b => b.AddTools<LegacyTools>());
        using var message = TestWebhooks.ToolCalls(("t1", "notify_team", null));

        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.Results.Should().ContainSingle().Which.Result!.Value.GetString().Should().Be("I'll let the team know.");
    }

    [Fact]
    public void Export_OpenAIShape_HasNoPlaceForTheMessage()
    {
        var items = ToolDefinitions.Export(GoldenCatalog.Instance.Tools, new ToolDefinitionOptions { Shape = ToolDefinitionShape.OpenAI, LegacyAsyncResponse = true });

        items.ToJsonString().Should().NotContain("\"message\"").And.NotContain("async_response");
    }

    [Theory]
    [InlineData(WebhookCasing.SnakeCase)]
    [InlineData(WebhookCasing.CamelCase)]
    public void Export_LegacyAsyncResponseOff_WritesNoLegacyKey(WebhookCasing naming)
    {
        var json = ToolDefinitions.ToJson(GoldenCatalog.Instance.Tools, new ToolDefinitionOptions { Naming = naming });

        json.Should().Contain("\"message\"").And.NotContain("async_response").And.NotContain("asyncResponse");
    }

    public sealed class LegacyTools
    {
#pragma warning disable CS0618 // A tool written before Message existed.
        [FlireoTool("notify_team", Async = true, AsyncResponse = "I'll let the team know.", Description = "Notifies the team.")]
#pragma warning restore CS0618
        public Task NotifyTeamAsync() => Task.CompletedTask;
    }
}
