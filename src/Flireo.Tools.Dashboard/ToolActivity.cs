namespace Flireo.Tools.Dashboard;

/// <summary>Keeps per-minute durations and timeouts of one tool over the last hour, for its sparkline.</summary>
internal sealed class ToolActivity
{
    /// <summary>The number of one-minute buckets kept: one hour.</summary>
    public const int Minutes = 60;

    private readonly Bucket[] _buckets = new Bucket[Minutes];

    /// <summary>Adds one call's duration.</summary>
    /// <param name="minute">The minute the call ended in (Unix minutes).</param>
    /// <param name="seconds">How long it took.</param>
    public void AddDuration(long minute, double seconds)
    {
        ref var bucket = ref At(minute);
        bucket.Calls++;
        bucket.TotalSeconds += seconds;
        if (seconds > bucket.MaxSeconds)
        {
            bucket.MaxSeconds = seconds;
        }
    }

    /// <summary>Adds one timeout.</summary>
    /// <param name="minute">The minute the call timed out in (Unix minutes).</param>
    public void AddTimeout(long minute) => At(minute).Timeouts++;

    /// <summary>Copies the last hour, oldest minute first; minutes without calls are empty.</summary>
    /// <param name="now">The current minute (Unix minutes).</param>
    /// <returns>Sixty buckets.</returns>
    public Bucket[] Snapshot(long now)
    {
        var copy = new Bucket[Minutes];
        for (var i = 0; i < Minutes; i++)
        {
            var minute = now - (Minutes - 1) + i;
            var bucket = _buckets[Index(minute)];
            copy[i] = bucket.Minute == minute ? bucket : new Bucket { Minute = minute };
        }

        return copy;
    }

    private ref Bucket At(long minute)
    {
        ref var bucket = ref _buckets[Index(minute)];
        if (bucket.Minute != minute)
        {
            bucket = new Bucket { Minute = minute };
        }

        return ref bucket;
    }

    private static int Index(long minute) => (int)(((minute % Minutes) + Minutes) % Minutes);

    /// <summary>One minute of one tool.</summary>
    public struct Bucket
    {
        public long Minute;
        public int Calls;
        public double TotalSeconds;
        public double MaxSeconds;
        public int Timeouts;
    }
}
