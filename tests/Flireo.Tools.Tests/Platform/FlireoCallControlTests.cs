using System.Net;
using Flireo.Tools.Platform;
using Flireo.Tools.Testing.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.Platform;

public class FlireoCallControlTests
{
    [Fact]
    public async Task InjectContextAsync_SendsTheCommandWithTheBearerKey()
    {
        await using var harness = await PlatformClientHarness.StartAsync();

        var result = await harness.Client.InjectContextAsync("call-1", "The table is booked.", triggerResponse: true);

        result.Should().Be(new CallControlResult(CallControlStatus.Sent, "Command sent successfully"));
        var command = harness.Platform.Commands.Should().ContainSingle().Subject;
        command.CallId.Should().Be("call-1");
        command.Type.Should().Be("inject-context");
        command.Content.Should().Be("The table is booked.");
        command.TriggerResponse.Should().BeTrue();
        command.Request.Path.Should().Be("/calls/call-1/control");
        command.Request.Authorization.Should().Be("Bearer " + FakeFlireoPlatform.DefaultApiKey);
        command.Request.Headers["Content-Type"].Should().StartWith("application/json");
    }

    [Fact]
    public async Task Verbs_WriteThePlatformsCommandShapes()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        var client = harness.Client;

        (await client.SayAsync("call-1", "One moment.")).IsSent.Should().BeTrue();
        (await client.TransferAsync("call-1", "sip:chef@example.com", "Connecting you to the chef")).IsSent.Should().BeTrue();
        (await client.SayAsync("call-2", "Goodbye.", endAfter: true)).IsSent.Should().BeTrue();
        (await client.EndCallAsync("call-3")).IsSent.Should().BeTrue();

        harness.Platform.Commands.Select(c => c.Request.Body).Should().Equal(
            """{"type":"say","content":"One moment.","end_after":false}""",
            """{"type":"transfer","destination":"sip:chef@example.com","message":"Connecting you to the chef"}""",
            """{"type":"say","content":"Goodbye.","end_after":true}""",
            """{"type":"end-call"}""");
    }

    [Fact]
    public async Task SendAsync_CallIdWithReservedCharacters_IsEscapedInThePath()
    {
        await using var harness = await PlatformClientHarness.StartAsync();

        await harness.Client.EndCallAsync("a/b c", "Bye");

        harness.Platform.Commands.Should().ContainSingle().Which.CallId.Should().Be("a/b c");
    }

    [Fact]
    public async Task Command_CallEnded_ReturnsCallNotActiveWithoutRetrying()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        harness.Platform.EndCall("call-1");

        var result = await harness.Client.SayAsync("call-1", "Still there?");

        result.Status.Should().Be(CallControlStatus.CallNotActive);
        result.Message.Should().Contain("not active");
        harness.Platform.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Command_UnknownCall_ReturnsCallNotFoundWithoutRetrying()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        harness.Platform.RemoveCall("call-9");

        var result = await harness.Client.InjectContextAsync("call-9", "x", triggerResponse: false);

        result.Status.Should().Be(CallControlStatus.CallNotFound);
        harness.Platform.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Command_Throttled_WaitsForRetryAfterThenSucceeds()
    {
        // The retry delay of the harness is 10 ms, so only the platform's Retry-After explains a wait of a second.
        await using var harness = await PlatformClientHarness.StartAsync();
        harness.Platform.FailNext(new PlatformFault(429, TimeSpan.FromSeconds(2)));

        var result = await harness.Client.SayAsync("call-1", "Hello");

        result.IsSent.Should().BeTrue();
        var requests = harness.Platform.Requests;
        requests.Select(r => r.StatusCode).Should().Equal(429, 200);
        (requests[1].ReceivedAt - requests[0].ReceivedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task Command_ThrottledForLongerThanAMinute_ReturnsRateLimitedWithoutWaiting()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        harness.Platform.FailNext(new PlatformFault(429, TimeSpan.FromMinutes(10)));

        var result = await harness.Client.SayAsync("call-1", "Hello");

        result.Status.Should().Be(CallControlStatus.RateLimited);
        harness.Platform.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Command_ServerErrors_AreRetried()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        harness.Platform.FailNext(new PlatformFault(503), count: 2);

        var result = await harness.Client.EndCallAsync("call-1");

        result.IsSent.Should().BeTrue();
        harness.Platform.Requests.Select(r => r.StatusCode).Should().Equal(503, 503, 200);
    }

    [Fact]
    public async Task Command_AttemptTimesOut_IsRetried()
    {
        await using var harness = await PlatformClientHarness.StartAsync(api => api.AttemptTimeout = TimeSpan.FromMilliseconds(500));
        harness.Platform.FailNext(PlatformFault.Hang);

        var result = await harness.Client.SayAsync("call-1", "Hello");

        result.IsSent.Should().BeTrue();
        harness.Platform.Commands.Where(c => c.Accepted).Should().ContainSingle();
    }

    [Fact]
    public async Task Command_ServerErrorsBeyondTheRetries_ThrowWithTheStatus()
    {
        await using var harness = await PlatformClientHarness.StartAsync(api => api.MaxRetries = 2);
        harness.Platform.FailNext(new PlatformFault(502), count: 5);

        var act = async () => await harness.Client.SayAsync("call-1", "Hello");

        (await act.Should().ThrowAsync<FlireoApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        harness.Platform.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Command_WrongKey_ThrowsUnauthorizedWithoutRetryingOrShowingTheKey()
    {
        await using var harness = await PlatformClientHarness.StartAsync(api => api.Key = "sk-wrong-secret-123");

        var act = async () => await harness.Client.SayAsync("call-1", "Hello");

        var thrown = (await act.Should().ThrowAsync<FlireoApiException>()).Which;
        thrown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        thrown.Message.Should().NotContain("sk-wrong-secret-123");
        harness.Platform.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Command_NoKey_ThrowsNamingTheSettingAndSendsNothing()
    {
        await using var harness = await PlatformClientHarness.StartAsync(api => api.Key = null);

        var act = async () => await harness.Client.SayAsync("call-1", "Hello");

        await act.Should().ThrowAsync<FlireoApiException>().WithMessage("*Flireo:Api:Key*");
        harness.Platform.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Commands_NeverLogTheApiKey_EvenAtTraceWithTheAppsHeaderRedactionOff()
    {
        const string Key = "sk-live-do-not-log-4711";
        await using var harness = await PlatformClientHarness.StartAsync(
            api => api.Key = Key,
            platform => platform.ApiKey = Key,
            services => services.ConfigureHttpClientDefaults(http => http.RedactLoggedHeaders(static _ => false)));
        harness.Platform.FailNext(new PlatformFault(503));

        await harness.Client.SayAsync("call-1", "Hello");
        await harness.Client.SayAsync("call-1", "Hello again");

        var lines = harness.Logs.Lines;
        lines.Should().Contain(l => l.Category.StartsWith("System.Net.Http.HttpClient.Flireo.Platform", StringComparison.Ordinal) && l.Message.Contains("Authorization", StringComparison.Ordinal), "the HTTP client logs its request headers at Trace");
        lines.Should().Contain(l => l.EventId == 5003, "the retry is logged");
        lines.Should().NotContain(l => l.Message.Contains(Key, StringComparison.Ordinal));
        harness.Platform.Commands.Should().OnlyContain(c => c.Request.Authorization == "Bearer " + Key);
    }

    [Fact]
    public async Task RateLimiter_HoldsTheEleventhCommandOfACallButNotOtherCalls()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        var client = harness.Client;
        using var cancel = new CancellationTokenSource();

        var sends = Enumerable.Range(1, 12).Select(i => client.SayAsync("busy-call", $"Line {i}", cancellationToken: cancel.Token).AsTask()).ToList();
        await harness.Platform.WaitForCommandsAsync(10);

        // The platform has the ten commands; their answers may still be on the way back to the client: wait for ten sends.
        var tenSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = 0;
        foreach (var send in sends)
        {
            _ = send.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully && Interlocked.Increment(ref sent) == 10)
                    {
                        tenSent.TrySetResult();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        await tenSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var other = await client.SayAsync("quiet-call", "Hello");

        other.IsSent.Should().BeTrue("the limit is per call");
        sends.Count(s => s.IsCompletedSuccessfully).Should().Be(10);
        sends.Where(s => !s.IsCompleted).Should().HaveCount(2, "the eleventh and twelfth wait for the window to move on");
        await cancel.CancelAsync();
        var waiting = sends.Where(s => !s.IsCompletedSuccessfully).ToList();
        foreach (var send in waiting)
        {
            var act = async () => await send;
            await act.Should().ThrowAsync<OperationCanceledException>();
        }

        harness.Platform.Commands.Where(c => c.CallId == "busy-call").Should().HaveCount(10).And.OnlyContain(c => c.Accepted, "the platform never had to answer 429");
    }

    [Fact]
    public async Task RateLimiter_QueueFull_ReturnsRateLimitedAtOnce()
    {
        await using var harness = await PlatformClientHarness.StartAsync(api => api.CommandsPerMinutePerCall = 2);
        var client = harness.Client;
        using var cancel = new CancellationTokenSource();

        var sent = new[] { await client.SayAsync("c", "1"), await client.SayAsync("c", "2") };
        var queued = new[] { client.SayAsync("c", "3", cancellationToken: cancel.Token).AsTask(), client.SayAsync("c", "4", cancellationToken: cancel.Token).AsTask() };
        var refused = await client.SayAsync("c", "5");

        sent.Should().OnlyContain(r => r.IsSent);
        refused.Status.Should().Be(CallControlStatus.RateLimited);
        harness.Logs.Lines.Should().Contain(l => l.EventId == 5002);
        await cancel.CancelAsync();
        await Task.WhenAll(queued).ContinueWith(static _ => { }, TaskScheduler.Default);
        harness.Platform.Commands.Should().HaveCount(2);
    }

    [Fact]
    public async Task RateLimiter_WindowMovesOn_SendsTheWaitingCommand()
    {
        await using var harness = await PlatformClientHarness.StartAsync(api =>
        {
            api.CommandsPerMinutePerCall = 1;
            api.CommandWindow = TimeSpan.FromMilliseconds(600);
        });

        await harness.Client.SayAsync("c", "1");
        var second = await harness.Client.SayAsync("c", "2");

        second.IsSent.Should().BeTrue();
        var commands = harness.Platform.Commands;
        commands.Should().HaveCount(2);
        (commands[1].Request.ReceivedAt - commands[0].Request.ReceivedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300), "the second command waited for a segment of the window");
    }

    [Theory]
    [InlineData("", "hello")]
    [InlineData("call-1", " ")]
    public async Task SayAsync_BlankCallIdOrContent_Throws(string callId, string content)
    {
        await using var harness = await PlatformClientHarness.StartAsync();

        var act = async () => await harness.Client.SayAsync(callId, content);

        await act.Should().ThrowAsync<ArgumentException>();
        harness.Platform.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Options_BindFromTheFlireoApiSection()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flireo:Api:BaseUrl"] = "http://127.0.0.1:5999/api/v1",
            ["Flireo:Api:Key"] = "k",
            ["Flireo:Api:MaxRetries"] = "1",
        }).Build();
        var services = new ServiceCollection().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddFlireoTools();
        using var provider = services.BuildServiceProvider();

        var api = provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.Api;

        api.BaseUrl.Should().Be(new Uri("http://127.0.0.1:5999/api/v1"));
        api.Key.Should().Be("k");
        api.MaxRetries.Should().Be(1);
        new FlireoApiOptions().BaseUrl.Should().Be(new Uri("https://api.hmsovereign.com/api/v1"));
    }

    [Fact]
    public void Options_RelativeBaseUrl_FailValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddFlireoTools(o => o.Api.BaseUrl = new Uri("/api", UriKind.Relative));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Flireo:Api:BaseUrl*");
    }

    [Theory]
    [InlineData("""{"error":{"code":"invalid_request","message":"Call is not active"}}""", "invalid_request", "Call is not active")]
    [InlineData("""{"error":"Unauthorized","message":"Invalid or missing API key"}""", null, "Unauthorized: Invalid or missing API key")]
    [InlineData("""{"success":true,"message":"Command sent successfully"}""", null, "Command sent successfully")]
    [InlineData("not json", null, null)]
    public void ReadMessage_ReadsEveryDocumentedBodyShape(string body, string? code, string? message)
    {
        var read = PlatformHttp.ReadMessage(System.Text.Encoding.UTF8.GetBytes(body));

        read.Should().Be((code, message));
    }
}
