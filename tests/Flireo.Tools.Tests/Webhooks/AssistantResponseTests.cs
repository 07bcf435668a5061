using System.Text;
using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Tests.Webhooks;

public class AssistantResponseTests
{
    private static string Json(AssistantResponse response, WebhookCasing casing) => Encoding.UTF8.GetString(response.ToUtf8Bytes(casing));

    [Fact]
    public void Default_Written_IsEmptyObject()
    {
        var json = Json(AssistantResponse.Default, WebhookCasing.SnakeCase);

        json.Should().Be("{}");
    }

    [Fact]
    public void UseAssistant_Written_NestsConfigurationUnderAssistant()
    {
        var response = AssistantResponse.UseAssistant(new JsonObject { ["first_message"] = "Hallo Jan", ["metadata"] = new JsonObject { ["crm_id"] = "42" } });

        var json = Json(response, WebhookCasing.CamelCase);

        json.Should().Be("""{"assistant":{"first_message":"Hallo Jan","metadata":{"crm_id":"42"}}}""");
    }

    [Fact]
    public void UseSavedAssistant_SnakeCase_WritesIdAndOverride()
    {
        var response = AssistantResponse.UseSavedAssistant("3f1c", new JsonObject { ["first_message"] = "Goedemorgen" });

        var json = Json(response, WebhookCasing.SnakeCase);

        json.Should().Be("""{"assistant_id":"3f1c","assistant_override":{"first_message":"Goedemorgen"}}""");
    }

    [Fact]
    public void UseSavedAssistant_CamelCaseWithoutOverride_WritesCamelId()
    {
        var json = Json(AssistantResponse.UseSavedAssistant("3f1c"), WebhookCasing.CamelCase);

        json.Should().Be("""{"assistantId":"3f1c"}""");
    }

    [Fact]
    public void Reject_Written_IsErrorText()
    {
        var json = Json(AssistantResponse.Reject("Sorry, we zijn gesloten."), WebhookCasing.SnakeCase);

        json.Should().Be("""{"error":"Sorry, we zijn gesloten."}""");
    }

    [Theory]
    [InlineData(WebhookCasing.SnakeCase, """{"max_duration_seconds":300}""")]
    [InlineData(WebhookCasing.CamelCase, """{"maxDurationSeconds":300}""")]
    public void WithMaxDuration_Written_IsTopLevelWholeSeconds(WebhookCasing casing, string expected)
    {
        var response = AssistantResponse.Default.WithMaxDuration(TimeSpan.FromSeconds(300.7));

        var json = Json(response, casing);

        json.Should().Be(expected);
        AssistantResponse.Default.MaxDuration.Should().BeNull();
    }

    [Fact]
    public void WithMaxDuration_KeepsTheRestOfTheAnswer()
    {
        var response = AssistantResponse.UseAssistant(new JsonObject { ["first_message"] = "Hoi" }).WithMaxDuration(TimeSpan.FromMinutes(2));

        var json = Json(response, WebhookCasing.SnakeCase);

        json.Should().Be("""{"assistant":{"first_message":"Hoi"},"max_duration_seconds":120}""");
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        var actions = new Action[]
        {
            () => AssistantResponse.UseAssistant(null!),
            () => AssistantResponse.UseSavedAssistant(" "),
            () => AssistantResponse.Reject(""),
            () => AssistantResponse.Default.WithMaxDuration(TimeSpan.FromMilliseconds(500)),
        };

        foreach (var action in actions)
        {
            action.Should().Throw<ArgumentException>();
        }
    }
}
