using Flireo.Tools.Cli.Tests.TestSupport;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Tools.Cli.Tests.Commands;

public class CallCommandTests
{
    [Fact]
    public async Task Say_KeyFromTheEnvironment_SendsTheCommand()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var harness = new CliHarness();
        harness.Variables["FLIREO_API_KEY"] = platform.ApiKey;

        var run = await harness.RunWithAsync("call", "say", "--call-id", "call-1", "--base-url", platform.BaseUrl.ToString(), "--end-after", "Your table is booked");

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("sent: say to call call-1");
        var command = platform.Commands.Should().ContainSingle().Subject;
        (command.Type, command.Content, command.EndAfter).Should().Be(("say", "Your table is booked", true));
        command.Request.Authorization.Should().Be("Bearer " + platform.ApiKey);
    }

    [Fact]
    public async Task InjectTransferEnd_WriteTheirCommands()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var harness = new CliHarness();
        harness.Variables["Flireo__Api__BaseUrl"] = platform.BaseUrl.ToString();
        var key = new[] { "--api-key", platform.ApiKey };

        var runs = new[]
        {
            await harness.RunWithAsync(["call", "inject", "-c", "c1", "--trigger-response", "The caller is a regular.", .. key]),
            await harness.RunWithAsync(["call", "transfer", "-c", "c1", "+31850000001", "--message", "Connecting you to the chef", .. key]),
            await harness.RunWithAsync(["call", "end", "-c", "c2", "-m", "Goodbye", .. key]),
        };

        runs.Should().OnlyContain(r => r.ExitCode == 0);
        platform.Commands.Select(c => c.Request.Body).Should().Equal(
            """{"type":"inject-context","content":"The caller is a regular.","trigger_response":true}""",
            """{"type":"transfer","destination":"+31850000001","message":"Connecting you to the chef"}""",
            """{"type":"end-call","message":"Goodbye"}""");
    }

    [Fact]
    public async Task End_CallNotActive_FailsWithExitCode1()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.EndCall("call-1");

        var run = await CliHarness.RunAsync("call", "end", "--call-id", "call-1", "--api-key", platform.ApiKey, "--base-url", platform.BaseUrl.ToString());

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("call call-1 is not in progress");
    }

    [Fact]
    public async Task Say_NoKey_IsAUsageErrorNamingTheVariable()
    {
        var run = await CliHarness.RunAsync("call", "say", "--call-id", "call-1", "Hello");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("FLIREO_API_KEY");
    }

    [Fact]
    public async Task Say_NoCallId_IsAUsageError()
    {
        var run = await CliHarness.RunAsync("call", "say", "--api-key", "k", "Hello");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--call-id");
    }
}
