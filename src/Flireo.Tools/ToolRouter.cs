using System.Diagnostics;
using System.Text.Json;
using Flireo.Tools.Async;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Invocation;
using Flireo.Tools.Platform;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools;

/// <summary>Answers a tool-calls webhook: runs every call concurrently under the deadline and returns one outcome per call, in request order.</summary>
/// <remarks>
/// The router never throws for anything in the message: unknown tools, bad arguments, tool exceptions and timeouts
/// become error outcomes naming the tool or parameter. Async tools are handed to <see cref="IToolWorkQueue"/> and
/// acknowledged at once. A tool call seen before gets the stored outcome (sync) or is not queued again (async) only when
/// its call id, tool call id, tool name and arguments (whitespace and key order aside) all match; a tool call id used
/// again for another tool or other arguments runs as a new call, with a warning.
/// </remarks>
public sealed class ToolRouter
{
    private const string BusyText = "The server is busy, try again in a moment.";

    private readonly ToolExecutor _executor;
    private readonly ToolCatalog _catalog;
    private readonly IToolWorkQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ToolCallOutcomeCache _outcomes;
    private readonly TimeSpan _syncTimeout;
    private readonly WebhookCasing? _casing;
    private readonly string _availableTools;
    private readonly int _maxConcurrentCalls;
    private readonly int _maxCallsPerMessage;
    private readonly ErrorAnswer _errorAnswer;
    private readonly ResultAnnouncer? _announcer;
    private readonly ToolCallStep? _filtered;

    // Sync tool calls started and not yet returned (a timed-out call counts until its tool returns: it holds a thread).
    private int _runningCalls;

    internal ToolRouter(
        ToolExecutor executor,
        IToolWorkQueue queue,
        IOptions<FlireoToolsOptions> options,
        TimeProvider time,
        ILogger<ToolRouter> logger,
        ResultAnnouncer? announcer = null,
        IEnumerable<IToolCallFilter>? filters = null)
    {
        _executor = executor;
        _catalog = executor.Catalog;
        _queue = queue;
        _time = time;
        _logger = logger;
        var value = options.Value;
        _syncTimeout = value.SyncTimeout;
        _casing = value.ResponseCasing;
        _maxConcurrentCalls = value.MaxConcurrentToolCalls;
        _maxCallsPerMessage = value.MaxToolCallsPerMessage;
        _errorAnswer = value.ErrorAnswer;
        _announcer = announcer;
        _filtered = BuildPipeline(filters);
        CheckHandOffs(_catalog, _syncTimeout);
        _outcomes = new ToolCallOutcomeCache(time, value.IdempotencyCapacity, value.IdempotencyWindow);
        var names = _catalog.Tools.Select(t => t.Name).ToList();
        _availableTools = names.Count <= 30 ? string.Join(", ", names) : string.Join(", ", names.Take(30)) + ", …";
    }

    /// <summary>Fails at startup when a tool would hand off no sooner than the sync deadline, naming the tool and the setting.</summary>
    private static void CheckHandOffs(ToolCatalog catalog, TimeSpan syncTimeout)
    {
        var late = catalog.Tools.Where(t => t.HandOffAfter >= syncTimeout).ToList();
        if (late.Count > 0)
        {
            throw new FlireoToolsConfigurationException(late
                .Select(t => new ToolProblem(t.ToolType, t.Method, FormattableString.Invariant($"The tool '{t.Name}' hands off after {t.HandOffAfter!.Value.TotalSeconds:0.###} seconds (HandOffAfterSeconds), which must be shorter than Flireo:SyncTimeout ({syncTimeout.TotalSeconds:0.###} seconds), or the webhook's deadline passes before the tool hands off.")))
                .ToList());
        }
    }

    /// <summary>Gets how many sync tool calls are running now, timed-out ones whose tools have not returned included.</summary>
    public int RunningCalls => Volatile.Read(ref _runningCalls);

    /// <summary>Gets the tools this router serves.</summary>
    public ToolCatalog Catalog => _catalog;

    /// <summary>Runs the tool calls of a tool-calls message and builds the answer.</summary>
    /// <param name="message">The parsed webhook; it must stay undisposed until the returned task completes.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted; running tools are cancelled too.</param>
    /// <returns>One outcome per tool call, in request order, with the id key in the request's casing.</returns>
    public ValueTask<ToolCallsResponse> RouteAsync(WebhookMessage message, CancellationToken cancellationToken) => RouteAsync(message, null, cancellationToken);

    /// <summary>Runs the tool calls of a message sent to a per-tool URL; calls for any other tool get an error outcome.</summary>
    /// <param name="message">The parsed webhook; it must stay undisposed until the returned task completes.</param>
    /// <param name="onlyTool">The tool the URL serves, or <see langword="null"/> to serve every tool.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted; running tools are cancelled too.</param>
    /// <returns>One outcome per tool call, in request order.</returns>
    public async ValueTask<ToolCallsResponse> RouteAsync(WebhookMessage message, string? onlyTool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var calls = message.ToolCalls;
        var casing = _casing ?? message.Casing;
        if (calls.Count == 1)
        {
            var single = await RouteOneAsync(message, calls[0], onlyTool, null, cancellationToken).ConfigureAwait(false);
            return new ToolCallsResponse([single], casing, _errorAnswer);
        }

        var pending = new Task<ToolCallResult>[calls.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            // Calls past the limit do not run, but each still gets its own result, in order.
            pending[i] = i < _maxCallsPerMessage ? RouteOneAsync(message, calls[i], onlyTool, null, cancellationToken) : Task.FromResult(TooManyCalls(calls[i]));
        }

        if (calls.Count > _maxCallsPerMessage)
        {
            Log.TooManyToolCalls(_logger, calls.Count, _maxCallsPerMessage, message.CallId);
        }

        var results = new ToolCallResult[pending.Length];
        for (var i = 0; i < pending.Length; i++)
        {
            results[i] = await pending[i].ConfigureAwait(false);
        }

        return new ToolCallsResponse(results, casing, _errorAnswer);
    }

    private ToolCallResult TooManyCalls(ToolCallRequest call)
    {
        var text = $"The tool call was not run: too many tool calls in one message (the limit is {_maxCallsPerMessage}, Flireo:MaxToolCallsPerMessage). Make fewer tool calls at once.";
        return Count(call.Name, "too_many_calls", ToolCallResult.Failure(call.Id, text));
    }

    /// <summary>Runs one tool call that came without a webhook, such as an MCP <c>tools/call</c>, through the same pipeline under its own deadline.</summary>
    /// <param name="message">A tool-calls message holding <paramref name="call"/>; it must stay undisposed until the returned task completes.</param>
    /// <param name="call">The tool call.</param>
    /// <param name="deadline">The time limit of a sync tool, in place of <see cref="FlireoToolsOptions.SyncTimeout"/> and the tool's own limit.</param>
    /// <param name="cancellationToken">Cancelled when the caller gives up; a running tool is cancelled too.</param>
    /// <returns>The outcome, with the same model-facing texts as over the webhook; never throws for anything in the call.</returns>
    /// <remarks>
    /// The binder and its errors, the concurrency limit, metrics, traces and the async hand-off are the webhook's. Duplicate
    /// detection is not applied: such callers do not retry a call under the same id.
    /// </remarks>
    public Task<ToolCallResult> RouteCallAsync(WebhookMessage message, ToolCallRequest call, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(call);
        return RouteOneAsync(message, call, null, deadline, cancellationToken);
    }

    private Task<ToolCallResult> RouteOneAsync(WebhookMessage message, ToolCallRequest call, string? onlyTool, TimeSpan? deadline, CancellationToken cancellationToken) =>
        _filtered is null
            ? RouteCoreAsync(message, call, Find(call), onlyTool, deadline, cancellationToken)
            : RouteFilteredAsync(_filtered, message, call, onlyTool, deadline, cancellationToken);

    private ToolDescriptor? Find(ToolCallRequest call) => _catalog.TryGetTool(call.Name, out var tool) ? tool : null;

    // The filters in registration order, the first outermost, around the router's own handling of one call.
    private ToolCallStep? BuildPipeline(IEnumerable<IToolCallFilter>? filters)
    {
        var list = filters?.ToArray() ?? [];
        if (list.Length == 0)
        {
            return null;
        }

        ToolCallStep next = context => new ValueTask<ToolCallResult>(RouteCoreAsync(context.Message, context.Call, context.Tool, context.OnlyTool, context.Deadline, context.CancellationToken));
        for (var i = list.Length - 1; i >= 0; i--)
        {
            var filter = list[i];
            var inner = next;
            next = context => filter.InvokeAsync(context, inner);
        }

        return next;
    }

    private async Task<ToolCallResult> RouteFilteredAsync(ToolCallStep pipeline, WebhookMessage message, ToolCallRequest call, string? onlyTool, TimeSpan? deadline, CancellationToken cancellationToken)
    {
        var context = new ToolCallFilterContext(message, call, Find(call), cancellationToken) { OnlyTool = onlyTool, Deadline = deadline };
        try
        {
            return await pipeline(context).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A tool-call filter returned null instead of a ToolCallResult.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A filter that throws fails its own call, like a tool that throws; the other calls and the webhook go on.
            return Unexpected(call, ex);
        }
    }

    // One call (its tool looked up by the caller, once): the per-tool URL check, the unknown tool, async or sync (a given deadline replaces the sync limit and the
    // retry cache, as over MCP), and the fallback that keeps the router from throwing. Not async itself: a sync tool's
    // call costs one async frame (ExecuteSyncAsync), which turns anything unexpected into the same fallback.
    private Task<ToolCallResult> RouteCoreAsync(WebhookMessage message, ToolCallRequest call, ToolDescriptor? tool, string? onlyTool, TimeSpan? deadline, CancellationToken cancellationToken)
    {
        try
        {
            if (onlyTool is not null && !string.Equals(call.Name, onlyTool, StringComparison.Ordinal))
            {
                Log.UnknownTool(_logger, call.Name, call.Id);
                return Task.FromResult(Count(call.Name, "wrong_endpoint", ToolCallResult.Failure(call.Id, $"This URL serves the tool '{onlyTool}', not '{call.Name}'.")));
            }

            if (tool is null)
            {
                Log.UnknownTool(_logger, call.Name, call.Id);
                return Task.FromResult(Count(call.Name, "unknown_tool", ToolCallResult.Failure(call.Id, UnknownToolText(call.Name))));
            }

            return tool.IsAsync ? AcknowledgeAsync(tool, message, call, cancellationToken) : RunSync(tool, message, call, deadline, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromResult(Unexpected(call, ex));
        }
    }

    // The router never throws: anything unexpected becomes a safe error outcome for this call alone.
    private ToolCallResult Unexpected(ToolCallRequest call, Exception exception)
    {
        Log.ToolThrew(_logger, exception, call.Name, call.Id);
        return Count(call.Name, "error", ToolCallResult.Failure(call.Id, $"The tool '{call.Name}' failed. Please try again later."));
    }

    private string UnknownToolText(string name) => name.Length == 0 ? "The tool call has no tool name." : $"Unknown tool '{name}'. Available tools: {_availableTools}.";

    private async Task<ToolCallResult> AcknowledgeAsync(ToolDescriptor tool, WebhookMessage message, ToolCallRequest call, CancellationToken cancellationToken)
    {
        try
        {
            return await EnqueueAsync(tool, message, call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Unexpected(call, ex);
        }
    }

    private async Task<ToolCallResult> EnqueueAsync(ToolDescriptor tool, WebhookMessage message, ToolCallRequest call, CancellationToken cancellationToken)
    {
        if (_executor.Bind(tool, call.Id, call.Arguments, out var error) is null)
        {
            return Count(tool.Name, "invalid_arguments", ToolCallResult.Failure(call.Id, error!));
        }

        var item = new ToolWorkItem
        {
            ToolName = tool.Name,
            ToolCallId = call.Id,
            CallId = message.CallId,
            ArgumentsJson = ArgumentsText(call.Arguments),
            ContextJson = ToolWorkContext.Write(message),
            Casing = message.Casing,
            EnqueuedAt = _time.GetUtcNow(),
        };
        var accepted = await _queue.EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
        if (accepted == ToolWorkEnqueueResult.Rejected)
        {
            Log.AsyncRejected(_logger, tool.Name, call.Id);
            return Count(tool.Name, "rejected", ToolCallResult.Failure(call.Id, $"The tool '{tool.Name}' cannot take more work right now. Please try again later."));
        }

        if (accepted == ToolWorkEnqueueResult.Accepted)
        {
            NoteNewCall(tool, call.Id, item.Key);
        }

        Log.AsyncAcknowledged(_logger, tool.Name, call.Id, accepted.ToString());
        return Count(tool.Name, "acknowledged", ToolCallResult.SuccessJson(call.Id, tool.AcknowledgementJson));
    }

    // The sync part of a sync call: the retry cache (unless a deadline is given), binding, the concurrency limit; then
    // the tool runs in ExecuteSyncAsync, or in ExecuteWithHandOffAsync when it may hand off.
    private Task<ToolCallResult> RunSync(ToolDescriptor tool, WebhookMessage message, ToolCallRequest call, TimeSpan? deadline, CancellationToken cancellationToken)
    {
        ToolCallOutcomeCache.Slot? slot = null;
        var reused = false;
        if (deadline is null && _outcomes.Enabled)
        {
            // A retry only when call id, tool call id, tool and arguments all match; anything else is a call of its own.
            var key = RecentCallKey.ForRetry(message.CallId, call.Id, tool.Name, call.Arguments);
            if (_outcomes.TryClaim(key, call.Id, out slot, out reused) is { } earlier)
            {
                Log.DuplicateToolCall(_logger, tool.Name, call.Id);
                ToolMetrics.DuplicateHits.Add(1, new KeyValuePair<string, object?>("tool", tool.Name));
                return WaitForEarlierAsync(tool, call.Id, earlier, cancellationToken);
            }
        }

        try
        {
            if (reused)
            {
                Log.ToolCallIdReused(_logger, tool.Name, call.Id);
            }

            var values = _executor.Bind(tool, call.Id, call.Arguments, out var error);
            if (values is null)
            {
                return Completed(slot, Count(tool.Name, "invalid_arguments", ToolCallResult.Failure(call.Id, error!)));
            }

            if (Interlocked.Increment(ref _runningCalls) > _maxConcurrentCalls)
            {
                // Refused before a thread is taken: a flood of blocking tools cannot grow the process without bound.
                Interlocked.Decrement(ref _runningCalls);
                Log.ServerBusy(_logger, tool.Name, call.Id, _maxConcurrentCalls);
                ToolMetrics.Busy.Add(1, new KeyValuePair<string, object?>("tool", tool.Name));
                return Completed(slot, Count(tool.Name, "busy", ToolCallResult.Failure(call.Id, BusyText)));
            }

            if (deadline is null && tool.HandOffAfter is { } handOff && _announcer is not null && !string.IsNullOrEmpty(message.CallId))
            {
                return CompleteAsync(slot, ExecuteWithHandOffAsync(tool, message, call, values, handOff, message.CallId, cancellationToken), call);
            }

            var timeout = deadline ?? (tool.Timeout is { } own && own < _syncTimeout ? own : _syncTimeout);
            return ExecuteSyncAsync(tool, message, call, values, timeout, slot, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Completed(slot, Unexpected(call, ex));
        }
    }

    private static Task<ToolCallResult> Completed(ToolCallOutcomeCache.Slot? slot, ToolCallResult result)
    {
        slot?.Complete(result);
        return Task.FromResult(result);
    }

    private async Task<ToolCallResult> CompleteAsync(ToolCallOutcomeCache.Slot? slot, Task<ToolCallResult> work, ToolCallRequest call)
    {
        ToolCallResult result;
        try
        {
            result = await work.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = Unexpected(call, ex);
        }

        slot?.Complete(result);
        return result;
    }

    // Runs a bound call on the tool scheduler under its deadline; completes the retry slot, if any, and never throws.
    private async Task<ToolCallResult> ExecuteSyncAsync(ToolDescriptor tool, WebhookMessage message, ToolCallRequest call, object?[] values, TimeSpan timeout, ToolCallOutcomeCache.Slot? slot, CancellationToken cancellationToken)
    {
        ToolCallResult result;
        try
        {
            using var activity = StartActivity(tool, call.Id);
            Log.ToolCallStarted(_logger, tool.Name, call.Id);
            var started = _time.GetTimestamp();

            // A tool that takes no token cannot be cancelled: it gets the request's token, and no source of its own.
            var deadline = Deadline.For(tool, cancellationToken);

            // The tool runs on the tool scheduler, which makes room in the thread pool when tools block their threads (a
            // non-blocking tool on this thread, up to its first incomplete await: a completed call then needs no timer).
            var work = _executor.RunAsync(tool, values, call.Id, ContextFor(tool, message, call), deadline.Token);
            switch (await Deadline.WaitAsync(work, timeout, _time, cancellationToken))
            {
                case DeadlineEnd.Completed:
                    Interlocked.Decrement(ref _runningCalls);
                    deadline.Complete();
                    result = Finished(tool, activity, work.Result, started);
                    break;
                case DeadlineEnd.TimedOut:
                    Abandon(deadline, tool, call.Id, work, started, timeout);
                    Log.ToolTimedOut(_logger, tool.Name, call.Id, timeout.TotalMilliseconds);
                    ToolMetrics.Timeouts.Add(1, new KeyValuePair<string, object?>("tool", tool.Name));
                    activity?.SetStatus(ActivityStatusCode.Error, "timeout");
                    activity?.SetTag("error.type", "timeout");
                    result = Count(tool.Name, "timeout", ToolCallResult.Failure(call.Id, $"The tool '{tool.Name}' did not answer within {timeout.TotalSeconds:0.#} seconds."), started);
                    break;
                default:
                    Abandon(deadline, tool, call.Id, work, started, TimeSpan.Zero);
                    result = Aborted(tool, call.Id, started);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = Unexpected(call, ex);
        }

        slot?.Complete(result);
        return result;
    }

    /// <summary>Runs a tool that hands off: it answers normally when it ends within <paramref name="handOff"/>, else the hand-off text answers and its outcome is announced into the call later.</summary>
    private async Task<ToolCallResult> ExecuteWithHandOffAsync(ToolDescriptor tool, WebhookMessage message, ToolCallRequest call, object?[] values, TimeSpan handOff, string callId, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(tool, call.Id);
        Log.ToolCallStarted(_logger, tool.Name, call.Id);
        var started = _time.GetTimestamp();

        // Not linked to the request: after the hand-off the tool outlives it. Until then an aborted request cancels it.
        var deadline = Deadline.Detachable(cancellationToken);
        var work = _executor.RunAsync(tool, values, call.Id, ContextFor(tool, message, call), deadline.Token);
        switch (await Deadline.WaitAsync(work, handOff, _time, cancellationToken))
        {
            case DeadlineEnd.Completed:
                Interlocked.Decrement(ref _runningCalls);
                deadline.Complete();
                return Finished(tool, activity, work.Result, started);
            case DeadlineEnd.TimedOut:
                deadline.Detach();
                var limit = tool.Timeout!.Value;
                PlatformLog.HandedOff(_logger, tool.Name, call.Id, handOff.TotalMilliseconds, callId);
                _ = FinishHandedOffAsync(tool, call.Id, callId, work, started, limit, deadline);
                activity?.SetTag("flireo.hand_off", true);
                return Count(tool.Name, "handed_off", ToolCallResult.SuccessJson(call.Id, ResultJson.Text(tool.HandOffMessage!)), started);
            default:
                Abandon(deadline, tool, call.Id, work, started, TimeSpan.Zero);
                return Aborted(tool, call.Id, started);
        }
    }

    // Only a tool that takes the context gets one: nothing else reads it.
    private static ToolCallContext? ContextFor(ToolDescriptor tool, WebhookMessage message, ToolCallRequest call) =>
        tool.TakesContext ? ToolCallContext.Create(message, call) : null;

    /// <summary>Waits for a handed-off tool up to its own limit, then stores its outcome for announcement (the <see cref="ResultAnnouncer"/> path); never throws.</summary>
    private async Task FinishHandedOffAsync(ToolDescriptor tool, string toolCallId, string callId, Task<ExecutionOutcome> work, long started, TimeSpan limit, Deadline deadline)
    {
        ToolCallResult result;
        var remaining = limit - _time.GetElapsedTime(started);
        if (await Deadline.WaitAsync(work, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time, CancellationToken.None) == DeadlineEnd.Completed)
        {
            Interlocked.Decrement(ref _runningCalls);
            deadline.Complete();
            var outcome = work.Result;
            result = outcome.Result;
            Log.ToolCallEnded(_logger, tool.Name, toolCallId, outcome.Status.ToString(), _time.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            Abandon(deadline, tool, toolCallId, work, started, limit);
            Log.ToolTimedOut(_logger, tool.Name, toolCallId, limit.TotalMilliseconds);
            ToolMetrics.Timeouts.Add(1, new KeyValuePair<string, object?>("tool", tool.Name));
            result = ToolCallResult.Failure(toolCallId, $"The tool '{tool.Name}' did not finish within {limit.TotalSeconds:0.#} seconds.");
        }

        await _announcer!.EnqueueAsync(tool.Name, toolCallId, callId, result, CancellationToken.None).ConfigureAwait(false);
    }

    private void NoteNewCall(ToolDescriptor tool, string toolCallId, string key)
    {
        if (_outcomes.Reused(key))
        {
            Log.ToolCallIdReused(_logger, tool.Name, toolCallId);
        }
    }

    private async Task<ToolCallResult> WaitForEarlierAsync(ToolDescriptor tool, string toolCallId, Task<ToolCallResult> earlier, CancellationToken cancellationToken) =>
        await Deadline.WaitAsync(earlier, _syncTimeout, _time, cancellationToken) switch
        {
            DeadlineEnd.Completed => await earlier.ConfigureAwait(false),
            DeadlineEnd.TimedOut => ToolCallResult.Failure(toolCallId, $"The tool '{tool.Name}' is still running for this tool call; it did not finish within {_syncTimeout.TotalSeconds:0.#} seconds."),
            _ => ToolCallResult.Failure(toolCallId, "The request was aborted."),
        };

    // A tool past its deadline (or whose request was aborted): its token is cancelled, and when it returns at last it
    // frees its running-call count and is counted and logged as a late result.
    private void Abandon(Deadline deadline, ToolDescriptor tool, string toolCallId, Task<ExecutionOutcome> work, long started, TimeSpan timeout) =>
        deadline.Abandon(
            work,
            static state =>
            {
                var (router, tool, toolCallId, started, timeout) = ((ToolRouter, ToolDescriptor, string, long, TimeSpan))state!;
                Interlocked.Decrement(ref router._runningCalls);
                var late = router._time.GetElapsedTime(started) - timeout;
                ToolMetrics.LateResults.Add(1, new KeyValuePair<string, object?>("tool", tool.Name));
                Log.LateResult(router._logger, tool.Name, toolCallId, Math.Max(0, late.TotalMilliseconds));
            },
            (this, tool, toolCallId, started, timeout));

    private ToolCallResult Finished(ToolDescriptor tool, Activity? activity, ExecutionOutcome outcome, long started)
    {
        var status = outcome.Status.ToString();
        if (outcome.Result.IsError)
        {
            activity?.SetStatus(ActivityStatusCode.Error, status);
            activity?.SetTag("error.type", status);
        }

        return Count(tool.Name, status, outcome.Result, started);
    }

    private ToolCallResult Aborted(ToolDescriptor tool, string toolCallId, long started) =>
        Count(tool.Name, "aborted", ToolCallResult.Failure(toolCallId, "The request was aborted."), started);

    private ToolCallResult Count(string toolName, string outcome, ToolCallResult result, long started = 0)
    {
        var tags = new TagList { { "tool", toolName }, { "outcome", outcome } };
        ToolMetrics.Calls.Add(1, tags);
        if (result.IsError)
        {
            ToolMetrics.Errors.Add(1, tags);
        }

        if (started != 0)
        {
            var elapsed = _time.GetElapsedTime(started);
            ToolMetrics.Duration.Record(elapsed.TotalSeconds, tags);
            Log.ToolCallEnded(_logger, toolName, result.ToolCallId, outcome, elapsed.TotalMilliseconds);
        }

        return result;
    }

    private static Activity? StartActivity(ToolDescriptor tool, string toolCallId)
    {
        // Without listeners there is no activity: skip building its name.
        var source = FlireoToolsDiagnostics.ActivitySource;
        var activity = source.HasListeners() ? source.StartActivity($"execute_tool {tool.Name}", ActivityKind.Internal) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "execute_tool");
            activity.SetTag("gen_ai.tool.name", tool.Name);
            activity.SetTag("gen_ai.tool.call.id", toolCallId);
            activity.SetTag("gen_ai.tool.type", "function");
            if (tool.Description is { } description)
            {
                activity.SetTag("gen_ai.tool.description", description);
            }
        }

        return activity;
    }

    internal static string ArgumentsText(JsonElement arguments) => arguments.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => "{}",
        JsonValueKind.String => arguments.GetString() ?? "{}",
        _ => arguments.GetRawText(),
    };
}
