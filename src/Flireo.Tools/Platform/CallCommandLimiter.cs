using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Platform;

/// <summary>Keeps every call within the platform's call-control limit: a sliding window per call id.</summary>
/// <remarks>
/// One partition per call id, each a <see cref="SlidingWindowRateLimiter"/> of <see cref="FlireoApiOptions.CommandsPerMinutePerCall"/>
/// permits per minute in six segments, with a queue as long as the limit (oldest first). Idle partitions are dropped by the
/// partitioned limiter itself. The windows run on the wall clock (the rate-limiting library has no <see cref="TimeProvider"/>).
/// </remarks>
internal sealed class CallCommandLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public CallCommandLimiter(IOptions<FlireoToolsOptions> options)
    {
        var api = options.Value.Api;
        var limit = api.CommandsPerMinutePerCall;
        if (limit <= 0)
        {
            return;
        }

        var window = api.CommandWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(callId => RateLimitPartition.GetSlidingWindowLimiter(
            callId,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                SegmentsPerWindow = 6,
                QueueLimit = limit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Waits for a permit to send one command to a call.</summary>
    /// <returns><see langword="true"/> when the command may be sent; <see langword="false"/> when too many are already waiting.</returns>
    public async ValueTask<bool> AcquireAsync(string callId, CancellationToken cancellationToken)
    {
        if (_limiter is null)
        {
            return true;
        }

        // A permit of a sliding window is spent when acquired; disposing the lease does not give it back.
        using var lease = await _limiter.AcquireAsync(callId, 1, cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();
}
