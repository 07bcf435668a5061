using System.Threading.Channels;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>Records the text messages the async tool sent.</summary>
internal sealed class SmsProbe
{
    public Channel<(string ToolCallId, string Phone, string Text)> Sent { get; } = Channel.CreateUnbounded<(string, string, string)>();
}

/// <summary>An async tool as a user would write it.</summary>
internal sealed class SmsTools(SmsProbe probe)
{
    [FlireoTool("send_sms", Async = true)]
    public Task SendSmsAsync(string phone, string text, ToolCallContext call)
    {
        probe.Sent.Writer.TryWrite((call.ToolCallId, phone, text));
        return Task.CompletedTask;
    }
}
