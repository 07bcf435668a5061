using System.ComponentModel.DataAnnotations;

namespace Flireo.Tools;

/// <summary>Configures how acknowledged async tool calls run in the background.</summary>
public sealed class AsyncToolOptions
{
    /// <summary>Gets or sets how many unfinished async calls the in-memory queue holds: waiting, running or waiting for a retry. Default 10,000.</summary>
    /// <remarks>
    /// When the queue is full the call is answered with an error instead of being acknowledged, so nothing acknowledged is
    /// lost. Calls waiting for a retry keep their place, so a failing dependency fills the queue and slows intake. A durable
    /// store (SQLite, Redis) has no such limit.
    /// </remarks>
    [Range(1, int.MaxValue)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets how many async calls run at once. Default 4 times the processor count.</summary>
    [Range(1, 4096)]
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount * 4;

    /// <summary>Gets or sets the time limit of one attempt of an async tool. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how many times a failed async call is retried. Default 3.</summary>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry; it doubles on each further retry. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between retries. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the host waits on shutdown for queued and running async calls. Default 30 seconds.</summary>
    /// <remarks>
    /// During this drain queued calls keep being started (with a durable store: every due call in it) until none is left;
    /// the in-memory queue refuses new calls and also waits for calls whose retry becomes due. What is still unfinished when
    /// it ends is cancelled and logged by tool call id: at Error in memory, where it is lost; with a durable store it stays
    /// stored and runs after a restart. The host's own shutdown timeout (<c>HostOptions.ShutdownTimeout</c>, 30 seconds by default)
    /// must be longer, or the host gives up first; the self-hosted server sets it above this value.
    /// </remarks>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
