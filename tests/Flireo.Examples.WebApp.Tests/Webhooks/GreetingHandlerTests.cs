using System.Net;
using Flireo.Examples.WebApp.Tests.Support;

namespace Flireo.Examples.WebApp.Tests.Webhooks;

public sealed class GreetingHandlerTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const string SnakeCaseGreeting = """{"assistant":{"first_message":"Hallo Anna, fijn dat je weer belt met De Gouden Lepel! Waarmee kan ik je helpen?"}}""";

    private const string CamelCaseGreeting = """{"assistant":{"firstMessage":"Hallo Anna, fijn dat je weer belt met De Gouden Lepel! Waarmee kan ik je helpen?"}}""";

    [Fact]
    public async Task Post_AssistantRequestFromKnownGuest_GreetsThemByFirstName()
    {
        using var response = await app.PostSignedAsync(WebhookBodies.AssistantRequest("call-known", WebhookBodies.AnnasNumber));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be(SnakeCaseGreeting);
    }

    [Fact]
    public async Task Post_CamelCaseAssistantRequestFromKnownGuest_AnswersInCamelCase()
    {
        using var response = await app.PostSignedAsync(WebhookBodies.CamelAssistantRequest("call-camel", WebhookBodies.AnnasNumber));

        (await response.Content.ReadAsStringAsync()).Should().Be(CamelCaseGreeting);
    }

    [Fact]
    public async Task Post_AssistantRequestWithNumberInOtherNotation_StillFindsTheGuest()
    {
        using var response = await app.PostSignedAsync(WebhookBodies.AssistantRequest("call-notation", "0031 6 1234 5678"));

        (await response.Content.ReadAsStringAsync()).Should().Contain("Hallo Anna,");
    }

    [Fact]
    public async Task Post_AssistantRequestFromUnknownNumber_AnswersEmptyObject()
    {
        using var response = await app.PostSignedAsync(WebhookBodies.AssistantRequest("call-unknown", "+31699999999"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
    }

    [Fact]
    public async Task Post_AssistantRequestWithoutCallerNumber_AnswersEmptyObject()
    {
        using var response = await app.PostSignedAsync(WebhookBodies.AssistantRequest("call-web", customerNumber: null));

        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
    }
}
