using System.Buffers;
using System.Collections;
using System.Reflection;

namespace Flireo.Tools.Reliability.Tests.Support;

/// <summary>Measures the managed heap apart from the byte arrays that <see cref="ArrayPool{T}.Shared"/> keeps for reuse.</summary>
/// <remarks>
/// The endpoint and System.Text.Json rent large buffers from the shared pool, which keeps returned arrays per thread and
/// per core until memory pressure trims them: bounded by design, but it looks like growth in a before/after comparison.
/// The pool's fields are runtime internals read by reflection; if they change, <see cref="PooledBytes"/> reports 0 and a
/// test still has its bound on the whole heap.
/// </remarks>
internal static class PooledMemory
{
    private const BindingFlags Fields = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>Collects garbage and returns the managed heap size and, of that, the bytes held by the shared byte pool.</summary>
    public static (long Heap, long Pooled) Measure()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return (heap, PooledBytes());
    }

    /// <summary>
    /// Measures until what lies outside the pool stops shrinking, and returns the sample with the least of it: what the
    /// requests left behind, without what is still on its way out.
    /// </summary>
    /// <remarks>
    /// Idle runs of the hostile-input test left 7.3 MiB after the heaviest requests; one run at load 34 left 18.4 MiB.
    /// Work still in flight when a sample is taken (a client still writing an oversize body the endpoint refused, a
    /// request's buffers not yet released) is in one sample and gone from a later one; a leak stays in every sample.
    /// Samples are taken every 250 ms until five in a row shrink by less than 64 KiB, at most for
    /// <paramref name="within"/>.
    /// </remarks>
    /// <param name="within">The longest time to keep sampling.</param>
    /// <returns>The sample with the smallest heap outside the pool.</returns>
    public static async Task<(long Heap, long Pooled)> MeasureSettledAsync(TimeSpan within)
    {
        const long Shrink = 64 * 1024;
        var best = Measure();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var steady = 0;
        while (steady < 5 && System.Diagnostics.Stopwatch.GetElapsedTime(started) < within)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            var sample = Measure();
            if (Unpooled(sample) < Unpooled(best) - Shrink)
            {
                best = sample;
                steady = 0;
            }
            else
            {
                steady++;
            }
        }

        return best;
    }

    /// <summary>The managed heap outside the shared pool's arrays.</summary>
    /// <param name="memory">A sample from <see cref="Measure"/>.</param>
    /// <returns>The bytes outside the pool.</returns>
    public static long Unpooled((long Heap, long Pooled) memory) => memory.Heap - memory.Pooled;

    /// <summary>Sums the arrays the shared byte pool holds in its per-core partitions and its per-thread slots.</summary>
    public static long PooledBytes()
    {
        try
        {
            var pool = ArrayPool<byte>.Shared;
            var type = pool.GetType();
            long total = 0;
            if (type.GetField("_buckets", Fields)?.GetValue(pool) is Array buckets)
            {
                foreach (var bucket in buckets)
                {
                    if (bucket?.GetType().GetField("_partitions", Fields)?.GetValue(bucket) is not Array partitions)
                    {
                        continue;
                    }

                    foreach (var partition in partitions)
                    {
                        var arrays = partition.GetType().GetField("_arrays", Fields)?.GetValue(partition) as Array;
                        var count = partition.GetType().GetField("_count", Fields)?.GetValue(partition) as int? ?? 0;
                        for (var i = 0; i < count && arrays is not null; i++)
                        {
                            total += (arrays.GetValue(i) as byte[])?.Length ?? 0;
                        }
                    }
                }
            }

            if (type.GetField("_allTlsBuckets", Fields)?.GetValue(pool) is IEnumerable threads)
            {
                foreach (var entry in threads)
                {
                    if (entry.GetType().GetProperty("Key")?.GetValue(entry) is not Array slots)
                    {
                        continue;
                    }

                    foreach (var slot in slots)
                    {
                        total += (slot?.GetType().GetField("Array", Fields)?.GetValue(slot) as byte[])?.Length ?? 0;
                    }
                }
            }

            return total;
        }
        catch (Exception ex) when (ex is TargetException or InvalidCastException or MemberAccessException)
        {
            return 0;
        }
    }
}
