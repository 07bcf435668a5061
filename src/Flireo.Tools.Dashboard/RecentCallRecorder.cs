using System.Diagnostics.Metrics;
using System.Text.Json;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Dashboard;

/// <summary>Keeps the last tool calls in memory and each tool's last hour of durations and timeouts, from what the router emits.</summary>
/// <remarks>
/// A tool-call filter (<see cref="IToolCallFilter"/>): each call passes <see cref="Routing"/> and <see cref="Answered"/>; the outcome,
/// duration, duplicate and late marks come from the router's own counters on the <c>Flireo.Tools</c> meter, read with a
/// <see cref="MeterListener"/> on the call's flow. The sparklines come from the same counters
/// (<c>flireo.tools.call.duration</c>, <c>flireo.tools.timeouts</c>) as the metrics, for the tools of this app's catalog.
/// </remarks>
internal sealed class RecentCallRecorder : IToolCallFilter, IDisposable
{
    /// <summary>The longest argument or result text kept per call.</summary>
    internal const int MaxPayloadChars = 16 * 1024;

    private static readonly AsyncLocal<RecentCall?> s_current = new();

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly LinkedList<RecentCall> _calls = new();
    private readonly Dictionary<string, ToolActivity> _activity;
    private readonly MeterListener _listener;

    public RecentCallRecorder(ToolCatalog catalog, IOptions<FlireoDashboardOptions> options, TimeProvider time, ILogger<RecentCallRecorder> logger, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _time = time;
        _logger = logger;
        Capacity = value.RecentCalls ?? (environment?.IsProduction() == true ? 0 : FlireoDashboardOptions.DefaultRecentCalls);
        ShowPayloads = value.ShowPayloads;
        _activity = catalog.Tools.ToDictionary(static t => t.Name, static _ => new ToolActivity(), StringComparer.Ordinal);

        _listener = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == FlireoToolsDiagnostics.MeterName && instrument.Name is Instruments.Calls or Instruments.Duration
                    or Instruments.Timeouts or Instruments.DuplicateHits or Instruments.LateResults)
                {
                    listener.EnableMeasurementEvents(instrument, listener);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => OnCount(instrument.Name, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, measurement, tags, _) => OnDuration(instrument.Name, measurement, tags));
        _listener.Start();
    }

    /// <summary>Gets how many recent calls are kept; 0 when recording is off.</summary>
    public int Capacity { get; }

    /// <summary>Gets a value indicating whether arguments and results are kept.</summary>
    public bool ShowPayloads { get; }

    /// <summary>Copies the recent calls, newest first.</summary>
    /// <returns>The calls.</returns>
    public IReadOnlyList<RecentCallView> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<RecentCallView>(_calls.Count);
            for (var node = _calls.Last; node is not null; node = node.Previous)
            {
                var call = node.Value;
                list.Add(new RecentCallView(call.At, call.CallId, call.ToolCallId, call.ToolName, call.Outcome, call.Detail ?? (call.Duplicate ? "duplicate" : null), call.Duration, call.Arguments, call.Result));
            }

            return list;
        }
    }

    /// <summary>Copies the last hour of each tool of the catalog, oldest minute first.</summary>
    /// <returns>The buckets per tool name.</returns>
    public IReadOnlyDictionary<string, ToolActivity.Bucket[]> Activity()
    {
        var now = CurrentMinute();
        lock (_lock)
        {
            return _activity.ToDictionary(static p => p.Key, p => p.Value.Snapshot(now), StringComparer.Ordinal);
        }
    }

    /// <inheritdoc />
    public ValueTask<ToolCallResult> InvokeAsync(ToolCallFilterContext context, ToolCallStep nextStep) =>
        Capacity == 0 ? nextStep(context) : RecordAsync(context, nextStep);

    /// <summary>Notes that the router starts on <paramref name="call"/>; the call's metrics, recorded on this flow, find it.</summary>
    /// <param name="message">The message that carries the call.</param>
    /// <param name="call">The tool call.</param>
    /// <returns>The entry handed to <see cref="Answered"/>, or <see langword="null"/>.</returns>
    public object? Routing(WebhookMessage message, ToolCallRequest call)
    {
        if (Capacity == 0)
        {
            return null;
        }

        try
        {
            string? arguments = null;
            if (ShowPayloads)
            {
                arguments = Clip(call.Arguments.ValueKind == JsonValueKind.Undefined ? "{}" : call.Arguments.GetRawText());
            }

            var recent = new RecentCall(this, _time.GetUtcNow(), _time.GetTimestamp(), message.CallId, call.Id, call.Name, arguments);
            s_current.Value = recent;
            return recent;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DashboardLog.RecordFailed(_logger, ex);
            return null;
        }
    }

    /// <summary>Notes the outcome the call was answered with.</summary>
    /// <param name="state">What <see cref="Routing"/> returned.</param>
    /// <param name="result">The outcome.</param>
    public void Answered(object? state, ToolCallResult result)
    {
        if (state is not RecentCall recent)
        {
            return;
        }

        try
        {
            s_current.Value = null;
            recent.IsError = result.IsError;
            recent.Duration ??= _time.GetElapsedTime(recent.Started);
            if (ShowPayloads)
            {
                recent.Result = Clip(result.Error ?? result.Result?.GetRawText());
            }

            lock (_lock)
            {
                _calls.AddLast(recent);
                while (_calls.Count > Capacity)
                {
                    _calls.RemoveFirst();
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DashboardLog.RecordFailed(_logger, ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private async ValueTask<ToolCallResult> RecordAsync(ToolCallFilterContext context, ToolCallStep next)
    {
        var state = Routing(context.Message, context.Call);
        var result = await next(context).ConfigureAwait(false);
        Answered(state, result);
        return result;
    }

    private void OnCount(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument == Instruments.Timeouts)
        {
            if (Tag(tags, "tool") is { } tool && _activity.TryGetValue(tool, out var activity))
            {
                lock (_lock)
                {
                    activity.AddTimeout(CurrentMinute());
                }
            }

            return;
        }

        // The rest belong to one call: the one on this flow, when it is this recorder's.
        if (s_current.Value is not { } recent || !ReferenceEquals(recent.Owner, this))
        {
            return;
        }

        switch (instrument)
        {
            case Instruments.Calls:
                recent.Detail = Tag(tags, "outcome");
                break;
            case Instruments.DuplicateHits:
                recent.Duplicate = true;
                break;
            case Instruments.LateResults:
                lock (_lock)
                {
                    recent.Late = true;
                }

                break;
        }
    }

    private void OnDuration(string instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument != Instruments.Duration)
        {
            return;
        }

        if (Tag(tags, "tool") is { } tool && _activity.TryGetValue(tool, out var activity))
        {
            lock (_lock)
            {
                activity.AddDuration(CurrentMinute(), seconds);
            }
        }

        if (s_current.Value is { } recent && ReferenceEquals(recent.Owner, this))
        {
            recent.Duration = TimeSpan.FromSeconds(seconds);
        }
    }

    private long CurrentMinute() => _time.GetUtcNow().ToUnixTimeSeconds() / 60;

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    private static string? Clip(string? text) =>
        text is null || text.Length <= MaxPayloadChars ? text : string.Concat(text.AsSpan(0, MaxPayloadChars), "… (cut)");

    /// <summary>The router's instruments the recorder reads (Diagnostics/ToolMetrics in the core).</summary>
    private static class Instruments
    {
        public const string Calls = "flireo.tools.calls";
        public const string Duration = "flireo.tools.call.duration";
        public const string Timeouts = "flireo.tools.timeouts";
        public const string DuplicateHits = "flireo.tools.duplicate_hits";
        public const string LateResults = "flireo.tools.late_results";
    }
}
