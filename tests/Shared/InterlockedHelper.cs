namespace Flireo.Tools.Tests.Shared;

/// <summary>Atomic updates the concurrency tests need beyond <see cref="Interlocked"/>.</summary>
internal static class InterlockedHelper
{
    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> when it is higher, atomically (a running maximum).</summary>
    public static void Max(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
