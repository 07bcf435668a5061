using Flireo.Examples.Docs.GettingStarted;
using Flireo.Examples.Docs.Tests.Support;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/getting-started.md shows: the exported definition and the answer of the running app.</summary>
internal static class GettingStartedOutputs
{
    // The body of the page's curl command.
    public const string ToolCallBody = """{"message":{"type":"tool-calls","call":{"id":"call-1"},"tool_call_list":[{"id":"tool-1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Friday"}}}]}}""";

    [DocOutput("getting-started-definitions")]
    public static string Definitions() => DefinitionsExport.Export();

    [DocOutput("getting-started-answer")]
    public static async Task<string> Answer()
    {
        // The page's Program.cs, run as `Flireo__WebhookSecret=my-dev-secret dotnet run` runs it, in an empty project folder.
        var project = Directory.CreateTempSubdirectory("flireo-docs-").FullName;
        try
        {
            await using var program = await RunningProgram.StartAsync(GettingStartedProgram.Main, "--environment", "Development", "--contentRoot", project, "--Flireo:WebhookSecret", "my-dev-secret");
            using var client = new HttpClient { BaseAddress = program.BaseAddress };
            using var request = SignedWebhooks.Post("/flireo", ToolCallBody, "my-dev-secret");

            using var response = await client.SendAsync(request);

            return await response.Content.ReadAsStringAsync();
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
