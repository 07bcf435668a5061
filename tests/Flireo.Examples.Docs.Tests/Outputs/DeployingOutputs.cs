using System.Text.Json.Nodes;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/deploying-to-an-assistant.md shows: the built flireo-tools against a FakeFlireoPlatform holding one assistant.</summary>
internal static class DeployingOutputs
{
    private const string AssistantId = "asst_reception";

    private static string Cli => BuiltProgram.Output("src/Flireo.Tools.Cli", "flireo-tools.dll");

    private static string DeployTools => BuiltProgram.Output("tests/TestPlugins/Cli/CliTests.DeployTools", "CliTests.DeployTools.dll");

    [DocOutput("deploying-diff-drift")]
    public static async Task<string> DiffDrift()
    {
        await using var platform = await StartAsync();
        return await RunAsync(platform, "diff");
    }

    [DocOutput("deploying-push")]
    public static async Task<string> Push()
    {
        await using var platform = await StartAsync();
        return await RunAsync(platform, "push");
    }

    [DocOutput("deploying-diff-in-step")]
    public static async Task<string> DiffInStep()
    {
        await using var platform = await StartAsync();
        await RunAsync(platform, "push");
        return await RunAsync(platform, "diff");
    }

    [DocOutput("deploying-wrong-key")]
    public static async Task<string> WrongKey()
    {
        await using var platform = await StartAsync();
        return await RunAsync(platform, "push", "a-revoked-key");
    }

    // The assistant as someone set it up in the dashboard: an MCP server, another team's CRM tool, an older book_table
    // pointing at this server, and a tool this server no longer has.
    private static async Task<FakeFlireoPlatform> StartAsync()
    {
        var platform = await FakeFlireoPlatform.StartAsync();
        platform.AddAssistant(new JsonObject
        {
            ["id"] = AssistantId,
            ["name"] = "Reception",
            ["llm_config"] = new JsonObject
            {
                ["provider"] = "openai",
                ["model"] = "gpt-4o",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You are the host of De Gouden Lepel." }),
                ["tools"] = new JsonArray(
                    new JsonObject { ["type"] = "mcp", ["mcp_server_id"] = "crm", ["allowed_tools"] = new JsonArray("find_customer") },
                    new JsonObject { ["name"] = "loyalty_points", ["description"] = "Looks up loyalty points.", ["url"] = "https://crm.example.com/flireo" },
                    new JsonObject { ["name"] = "book_table", ["description"] = "Books a table for up to 8 guests.", ["url"] = "https://tools.example.com/flireo" },
                    new JsonObject { ["name"] = "check_terrace", ["description"] = "Checks the terrace.", ["url"] = "https://tools.example.com/flireo" }),
            },
        });
        return platform;
    }

    private static async Task<string> RunAsync(FakeFlireoPlatform platform, string command, string? key = null)
    {
        var environment = new Dictionary<string, string> { ["FLIREO_API_KEY"] = key ?? platform.ApiKey };
        string[] args =
        [
            command, "--assistant", AssistantId, "--assembly", DeployTools, "--base-url", "https://tools.example.com", "--prune",
            "--webhook-url", "https://tools.example.com/flireo", "--webhook-events", "tool-calls,end-of-call-report", "--api-url", platform.BaseUrl.ToString(),
        ];
        var (exitCode, output, error) = await BuiltProgram.RunAsync(Cli, args, environment);
        return string.Join('\n', new[] { output.TrimEnd('\n'), error.TrimEnd('\n'), $"(exit code {exitCode})" }.Where(s => s.Length > 0));
    }
}
