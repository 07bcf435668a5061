using System.Text.Json.Nodes;
using Flireo.Tools.Cli.Tests.TestSupport;
using Flireo.Tools.Testing.Platform;
using static Flireo.Tools.Cli.Tests.Commands.PushCommandTests;

namespace Flireo.Tools.Cli.Tests.Commands;

public class DiffCommandTests
{
    [Fact]
    public async Task Diff_ExitsOneOnDrift_AndZeroAfterPush()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant(Webhook("crm_lookup", "https://crm.example.com/hook")));
        string[] options = ["--assistant", id, "--base-url", BaseUrl, "--webhook-url", BaseUrl + "/flireo", "--webhook-events", "tool-calls,end-of-call-report"];

        var before = await RunAsync(platform, ["diff", .. options]);
        var push = await RunAsync(platform, ["push", .. options]);
        var after = await RunAsync(platform, ["diff", .. options]);

        before.ExitCode.Should().Be(1, before.ToString());
        before.Out.Should().Contain("  + book_table").And.Contain("  . crm_lookup").And.Contain("Drift: the assistant differs from the code");
        push.ExitCode.Should().Be(0, push.ToString());
        after.ExitCode.Should().Be(0, after.ToString());
        after.Out.Should().Contain("  = book_table").And.Contain("  = transfer_call").And.Contain("Settings: in step").And.EndWith("In step with the code.\n");
        platform.Requests.Count(r => r.Method == "PATCH").Should().Be(1, "diff never writes");
    }

    [Fact]
    public async Task Diff_AChangeOnTheDashboard_IsDriftNamingTheField()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());
        (await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl)).ExitCode.Should().Be(0);
        var edited = platform.GetAssistant(id)!;
        var book = edited["llm_config"]!["tools"]![0]!.AsObject();
        book["parameters"]!["properties"]!["guests"]!["maximum"] = 30;
        platform.AddAssistant(edited);

        var run = await RunAsync(platform, "diff", "--assistant", id, "--base-url", BaseUrl);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("  ~ book_table").And.Contain("parameters.properties.guests.maximum: 30 → 12").And.Contain("1 to change");
    }

    [Fact]
    public async Task Diff_PlatformError_ExitsTwo()
    {
        await using var platform = await StartPlatformAsync();

        var run = await RunAsync(platform, "diff", "--assistant", "missing");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().StartWith("error: Reading assistant missing failed: not found (404)");
    }

    [Fact]
    public async Task Diff_UnloadableAssembly_ExitsTwoNotOne()
    {
        var harness = new CliHarness();
        harness.Variables["FLIREO_API_KEY"] = "k";

        var run = await harness.RunWithAsync("diff", "--assistant", "a1", "--assembly", "/no/such/tools.dll");

        run.ExitCode.Should().Be(2, "1 means drift to a CI gate, so every error is 2");
        run.Error.Should().StartWith("error: ");
    }

    [Fact]
    public async Task Diff_WithoutPrune_AStaleManagedToolIsNotDrift()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());
        (await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl)).ExitCode.Should().Be(0);
        var edited = platform.GetAssistant(id)!;
        edited["llm_config"]!["tools"]!.AsArray().Add(Webhook("retired_tool", BaseUrl + "/flireo"));
        platform.AddAssistant(edited);

        var kept = await RunAsync(platform, "diff", "--assistant", id, "--base-url", BaseUrl);
        var pruned = await RunAsync(platform, "diff", "--assistant", id, "--base-url", BaseUrl, "--prune");

        kept.ExitCode.Should().Be(0, kept.ToString());
        kept.Out.Should().Contain("  ! retired_tool").And.Contain("1 no longer in the code");
        pruned.ExitCode.Should().Be(1, pruned.ToString());
        pruned.Out.Should().Contain("  - retired_tool");
    }
}
