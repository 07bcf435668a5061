using Flireo.Tools.Cli.Tests.TestSupport;

namespace Flireo.Tools.Cli.Tests.Commands;

public class SignCommandTests
{
    private const string Body = """{"message":{"type":"status-update","call":{"id":"c1","status":"ended"}}}""";

    [Fact]
    public async Task Sign_BodyOnStandardInput_PrintsTheThreeHeaders()
    {
        var cli = new CliHarness { Input = CliHarness.Utf8(Body) };

        var run = await cli.RunWithAsync("sign", "--secret", "s3cret", "--timestamp", "1700000000");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Be(
            "X-Webhook-Timestamp: 1700000000\n" +
            $"X-Webhook-Signature: {SignedWebhooks.Signature("s3cret", "1700000000", CliHarness.Utf8(Body))}\n" +
            "X-Webhook-Event: status-update\n");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Sign_NoTimestamp_UsesTheClockInUnixSeconds()
    {
        var cli = new CliHarness { Input = CliHarness.Utf8(Body) };
        var now = cli.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await cli.RunWithAsync("sign", "--secret", "s3cret");

        run.Out.Should().StartWith($"X-Webhook-Timestamp: {now}\nX-Webhook-Signature: {SignedWebhooks.Signature("s3cret", now, CliHarness.Utf8(Body))}\n");
    }

    [Fact]
    public async Task Sign_SignsTheExactBytes_IncludingATrailingNewline()
    {
        var bytes = CliHarness.Utf8(Body + "\n");
        var cli = new CliHarness { Input = bytes };

        var run = await cli.RunWithAsync("sign", "--secret", "s3cret", "--timestamp", "1");

        run.Out.Should().Contain($"X-Webhook-Signature: {SignedWebhooks.Signature("s3cret", "1", bytes)}\n");
    }

    [Theory]
    [InlineData("""{"message":{"type":"end-of-call-report"}}""", new string[0], "end-of-call-report")]
    [InlineData("not json", new string[0], "tool-calls")]
    [InlineData("""{"message":{"type":"status-update"}}""", new[] { "--event", "assistant-request" }, "assistant-request")]
    public async Task Sign_Event_ComesFromOptionThenBodyThenDefault(string body, string[] extra, string expected)
    {
        var cli = new CliHarness { Input = CliHarness.Utf8(body) };

        var run = await cli.RunWithAsync(["sign", "--secret", "s", "--timestamp", "1", .. extra]);

        run.Out.Should().EndWith($"X-Webhook-Event: {expected}\n");
    }

    [Fact]
    public async Task Sign_SecretFromEnvironment_IsUsed()
    {
        var cli = new CliHarness { Input = CliHarness.Utf8(Body) };
        cli.Variables["Flireo__WebhookSecret"] = "from-env";

        var run = await cli.RunWithAsync("sign", "--timestamp", "5");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain(SignedWebhooks.Signature("from-env", "5", CliHarness.Utf8(Body)));
    }

    [Fact]
    public async Task Sign_BodyFile_IsReadInsteadOfStandardInput()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, Body);

        try
        {
            var run = await CliHarness.RunAsync("sign", "--secret", "s", "--timestamp", "9", "--body-file", path);

            run.Out.Should().Contain(SignedWebhooks.Signature("s", "9", CliHarness.Utf8(Body)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Sign_NoSecret_IsAUsageError()
    {
        var cli = new CliHarness { Input = CliHarness.Utf8(Body) };

        var run = await cli.RunWithAsync("sign");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Be("error: Give the webhook secret with --secret or the Flireo__WebhookSecret environment variable.\n");
    }

    [Fact]
    public async Task Sign_NothingPiped_IsAUsageError()
    {
        var run = await CliHarness.RunAsync("sign", "--secret", "s");

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith("error: Pipe the body to sign into standard input");
    }

    [Fact]
    public async Task Sign_NonNumericTimestamp_IsAUsageError()
    {
        var cli = new CliHarness { Input = CliHarness.Utf8(Body) };

        var run = await cli.RunWithAsync("sign", "--secret", "s", "--timestamp", "yesterday");

        run.ExitCode.Should().Be(2);
        run.Out.Should().BeEmpty();
    }
}
