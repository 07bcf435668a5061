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
