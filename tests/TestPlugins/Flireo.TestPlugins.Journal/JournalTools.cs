using Flireo.Tools;
using Microsoft.Extensions.Logging;

namespace Flireo.TestPlugins.Journal;

/// <summary>Async tools whose effects outlive the server process: a journal file that records each completed call (at once, or after some work), and a tool that always fails.</summary>
public sealed partial class JournalTools(JournalSettings settings, ILogger<JournalTools> logger)
{
    // .NET's append mode writes at the length seen when the file was opened, not with O_APPEND: concurrent appends
    // overwrite each other's lines. One writer at a time in this process; the tests let one process at a time pass the gate.
    private static readonly SemaphoreSlim JournalLock = new(1, 1);

    [FlireoTool("record_call", Async = true, Description = "Appends the tool call id to the journal file once the gate file exists.")]
    public async Task RecordCallAsync(ToolCallContext call, CancellationToken cancellationToken)
    {
        RecordStarted(logger, call.ToolCallId);
        while (!File.Exists(settings.Gate))
        {
            await Task.Delay(20, cancellationToken);
        }

        await AppendAsync(settings.File, call.ToolCallId + Environment.NewLine);
    }

    [FlireoTool("record_call_after", Async = true, Description = "Once the gate file exists, works for the given milliseconds (cancellable), then appends the tool call id to the journal.")]
    public async Task RecordCallAfterAsync(int milliseconds, ToolCallContext call, CancellationToken cancellationToken)
    {
        RecordStarted(logger, call.ToolCallId);
        while (!File.Exists(settings.Gate))
        {
            await Task.Delay(20, cancellationToken);
        }

        await Task.Delay(milliseconds, cancellationToken);
        await AppendAsync(settings.File, call.ToolCallId + Environment.NewLine);
    }

    [FlireoTool("always_fail", Async = true, Description = "Fails every attempt.")]
    public Task AlwaysFailAsync(ToolCallContext call) =>
        throw new InvalidOperationException($"always_fail refuses tool call {call.ToolCallId}");

    private static async Task AppendAsync(string path, string line)
    {
        await JournalLock.WaitAsync(CancellationToken.None);
        try
        {
            await File.AppendAllTextAsync(path, line, CancellationToken.None);
        }
        finally
        {
            JournalLock.Release();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "record_call started for tool call {ToolCallId}")]
    private static partial void RecordStarted(ILogger logger, string toolCallId);
}
