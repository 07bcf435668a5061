using System.Text.Json;
using Flireo.Tools.Async;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Platform;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Invocation;

/// <summary>Runs one attempt of a stored async tool call under the async time limit.</summary>
internal sealed class ToolWorkRunner : IToolWorkRunner
{
    private readonly ToolExecutor _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly int _maxRetries;
    private readonly ResultAnnouncer _announcer;

    public ToolWorkRunner(ToolExecutor executor, ResultAnnouncer announcer, IOptions<FlireoToolsOptions> options, TimeProvider time, ILogger<ToolWorkRunner> logger)
    {
        _executor = executor;
        _announcer = announcer;
        _time = time;
        _logger = logger;
        _timeout = options.Value.AsyncTools.Timeout;
        _maxRetries = Math.Max(0, options.Value.AsyncTools.MaxRetries);
    }

    public async ValueTask<ToolRunOutcome> RunAsync(ToolWorkItem item, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.Equals(item.ToolName, ResultAnnouncer.ToolName, StringComparison.Ordinal))
        {
            return await _announcer.SendAsync(item, cancellationToken).ConfigureAwait(false);
        }

        if (!_executor.Catalog.TryGetTool(item.ToolName, out var tool))
        {
            Log.UnknownTool(_logger, item.ToolName, item.ToolCallId);
            return new ToolRunOutcome(ToolRunStatus.UnknownTool, $"Unknown tool '{item.ToolName}'.");
        }

        // What a call keeps while its tool runs is what the heap carries for every call in flight (thousands when tools
        // take seconds): the arguments' document lives only until binding (bound values are copies), and the stored
        // context is read only for a tool that takes a ToolCallContext.
        ToolCallContext? context = null;
        object?[]? values;
        using (var arguments = ParseArguments(item.ArgumentsJson))
        {
            var request = new ToolCallRequest(item.ToolCallId, item.ToolName, arguments?.RootElement ?? default);
            if (tool.TakesContext)
            {
                context = ToolWorkContext.Read(item, request, attempt, out var contextError);
                if (context is null)
                {
                    return new ToolRunOutcome(ToolRunStatus.InvalidArguments, contextError);
                }
            }

            values = _executor.Bind(tool, item.ToolCallId, request.Arguments, out var bindError);
            if (values is null)
            {
                return new ToolRunOutcome(ToolRunStatus.InvalidArguments, bindError);
            }
        }

        var timeout = tool.Timeout ?? _timeout;
        var deadline = Deadline.For(tool, cancellationToken);
        var work = _executor.RunAsync(tool, values, item.ToolCallId, context, deadline.Token);

        // A shutdown cancels the tool through its token and waits for the outcome, so a tool that finished as the
        // shutdown came reports its success (and is not run again); the processor abandons tools that ignore it.
        if (await Deadline.WaitAsync(work, timeout, _time, CancellationToken.None) == DeadlineEnd.Completed)
        {
            deadline.Complete();
            var outcome = work.Result;
            await AnnounceAsync(tool, item, attempt, outcome.Status, outcome.Result, CancellationToken.None).ConfigureAwait(false);
            return new ToolRunOutcome(outcome.Status, outcome.Result.Error);
        }

        deadline.Abandon(work);
        Log.ToolTimedOut(_logger, tool.Name, item.ToolCallId, timeout.TotalMilliseconds);
        var error = $"The tool '{tool.Name}' did not finish within {timeout.TotalSeconds:0.#} seconds.";
        await AnnounceAsync(tool, item, attempt, ToolRunStatus.Timeout, ToolCallResult.Failure(item.ToolCallId, error), cancellationToken).ConfigureAwait(false);
        return new ToolRunOutcome(ToolRunStatus.Timeout, error);
    }

    /// <summary>Stores the announcement of a tool that announces once its run has ended for good: success, a non-retryable failure, or the last attempt.</summary>
    private async ValueTask AnnounceAsync(ToolDescriptor tool, ToolWorkItem item, int attempt, ToolRunStatus status, ToolCallResult result, CancellationToken cancellationToken)
    {
        var final = status == ToolRunStatus.Succeeded || !new ToolRunOutcome(status).IsRetryable || attempt > _maxRetries;
        if (tool.AnnounceResult && final)
        {
            await _announcer.EnqueueAsync(tool.Name, item.ToolCallId, item.CallId, result, cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonDocument? ParseArguments(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
