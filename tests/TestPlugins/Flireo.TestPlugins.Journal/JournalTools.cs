using Flireo.Tools;
using Microsoft.Extensions.Logging;

namespace Flireo.TestPlugins.Journal;

/// <summary>Async tools whose effects outlive the server process: a journal file that records each completed call, and a tool that always fails.</summary>
public sealed partial class JournalTools(JournalSettings settings, ILogger<JournalTools> logger)
{
    [FlireoTool("record_call", Async = true, Description = "Appends the tool call id to the journal file once the gate file exists.")]
    public async Task RecordCallAsync(ToolCallContext call, CancellationToken cancellationToken)
    {
        RecordStarted(logger, call.ToolCallId);
        while (!File.Exists(settings.Gate))
        {
            await Task.Delay(20, cancellationToken);
        }

        await File.AppendAllTextAsync(settings.File, call.ToolCallId + Environment.NewLine, CancellationToken.None);
    }

    [FlireoTool("always_fail", Async = true, Description = "Fails every attempt.")]
    public Task AlwaysFailAsync(ToolCallContext call) =>
        throw new InvalidOperationException($"always_fail refuses tool call {call.ToolCallId}");

    [LoggerMessage(1, LogLevel.Information, "record_call started for tool call {ToolCallId}")]
    private static partial void RecordStarted(ILogger logger, string toolCallId);
}
