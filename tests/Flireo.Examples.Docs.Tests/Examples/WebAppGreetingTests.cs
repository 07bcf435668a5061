using Flireo.Tools.Testing;
using Flireo.Tools.Webhooks;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Flireo.Examples.Docs.Tests.Examples;

// The test of docs/testing-your-tools.md that runs an app's own Program: the restaurant web app of examples/.
#region test-own-program
public sealed class WebAppGreetingTests(WebApplicationFactory<Program> app) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task AssistantRequest_KnownGuest_IsGreetedByFirstName()
    {
        await using var host = app.CreateFlireoTestHost();

        var answer = await host.SendAssistantRequestAsync(new CallInfo { Id = "call-1", CustomerNumber = "+31612345678" });

        answer.Response!.Assistant!["first_message"]!.GetValue<string>().Should().StartWith("Hallo Anna,");
    }
}
#endregion
