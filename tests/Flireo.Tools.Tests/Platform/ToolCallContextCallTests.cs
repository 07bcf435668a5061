using Flireo.Tools.Platform;
using Flireo.Tools.Testing;
using Flireo.Tools.Testing.Platform;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Platform;

public class ToolCallContextCallTests
{
    [Fact]
    public async Task Call_SayFromATool_ReachesTheCurrentCall()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = CreateHost(platform);

        var answer = await host.CallToolAsync("book_table", call: new CallInfo { Id = "call-42" });

        answer.ResultAs<string>().Should().Be("Sent");
        var command = platform.Commands.Should().ContainSingle().Subject;
        (command.CallId, command.Type, command.Content, command.EndAfter).Should().Be(("call-42", "say", "Your table is booked", false));
    }

    [Fact]
    public async Task Call_TransferFromATool_SendsDestinationAndMessage()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = CreateHost(platform);

        var answer = await host.CallToolAsync("transfer_to_chef");

        answer.ResultAs<string>().Should().Be("Sent");
        var command = platform.Commands.Should().ContainSingle().Subject;
        (command.CallId, command.Type, command.Destination, command.Message).Should().Be(("test-call", "transfer", "+31850000001", "Connecting you to the chef"));
    }

    [Fact]
    public async Task Call_EndedCall_IsAnOutcomeTheToolCanAnswerWith()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.EndCall("test-call");
        await using var host = CreateHost(platform);

        var answer = await host.CallToolAsync("transfer_to_chef");

        answer.ResultAs<string>().Should().Be("CallNotActive");
    }

    [Fact]
    public async Task Call_ContextWithoutCallId_ThrowsNamingTheCallId()
    {
        var control = new RecordingCallControl();
        var context = new ToolCallContext { ToolCallId = "t1", ToolName = "x", CallControl = control };

        var act = async () => await context.Call.SayAsync("Hello");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no call id*");
        control.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task Call_ContextBuiltInAUnitTest_UsesTheGivenClient()
    {
        var control = new RecordingCallControl();
        var context = new ToolCallContext { ToolCallId = "t1", ToolName = "x", CallId = "call-7", CallControl = control };

        var result = await context.Call.EndCallAsync("Goodbye");

        result.IsSent.Should().BeTrue();
        control.Sent.Should().Equal("end-call call-7 Goodbye");
        context.Call.Id.Should().Be("call-7");
    }

    private static FlireoTestHost CreateHost(FakeFlireoPlatform platform) => FlireoTestHost.Create(
        services => services.AddFlireoTools().AddTools<LiveCallTools>(),
        options =>
        {
            options.Settings["Flireo:Api:BaseUrl"] = platform.BaseUrl.ToString();
            options.Settings["Flireo:Api:Key"] = platform.ApiKey;
        });

    public sealed class LiveCallTools
    {
        [FlireoTool("book_table", Description = "Books a table.")]
        public async Task<string> BookAsync(ToolCallContext context, CancellationToken cancellationToken) =>
            (await context.Call.SayAsync("Your table is booked", cancellationToken: cancellationToken)).Status.ToString();

        [FlireoTool("transfer_to_chef", Description = "Transfers the caller to the chef.")]
        public async Task<string> TransferAsync(ToolCallContext context, CancellationToken cancellationToken) =>
            (await context.Call.TransferAsync("+31850000001", "Connecting you to the chef", cancellationToken)).Status.ToString();
    }

    private sealed class RecordingCallControl : IFlireoCallControl
    {
        public List<string> Sent { get; } = [];

        public ValueTask<CallControlResult> InjectContextAsync(string callId, string content, bool triggerResponse, CancellationToken cancellationToken = default) => Record($"inject-context {callId} {content}");

        public ValueTask<CallControlResult> SayAsync(string callId, string content, bool endAfter = false, CancellationToken cancellationToken = default) => Record($"say {callId} {content}");

        public ValueTask<CallControlResult> EndCallAsync(string callId, string? message = null, CancellationToken cancellationToken = default) => Record($"end-call {callId} {message}");

        public ValueTask<CallControlResult> TransferAsync(string callId, string destination, string? message = null, CancellationToken cancellationToken = default) => Record($"transfer {callId} {destination}");

        private ValueTask<CallControlResult> Record(string line)
        {
            Sent.Add(line);
            return ValueTask.FromResult(new CallControlResult(CallControlStatus.Sent));
        }
    }
}
