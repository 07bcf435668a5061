using System.Collections.Concurrent;

namespace Flireo.Tools.Diagnostics;

/// <summary>Lets at most one log line per reason through in each window, and counts the lines it held back.</summary>
/// <remarks>
/// Anyone can send a refused request without a secret, so a line per refusal lets a caller fill the disk. The first
/// refusal for a reason is logged; the next ones within the window are only counted, and the first line after the window
/// carries that count. The number of distinct reasons kept is bounded: past <see cref="MaxReasons"/> new reasons share one
/// slot per <c>fallbackKey</c>.
/// </remarks>
internal sealed class LogThrottle(TimeProvider time, TimeSpan window)
{
    /// <summary>The most distinct reasons tracked one by one.</summary>
    public const int MaxReasons = 128;

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Gets the default window: one line per reason per 10 seconds.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Decides whether a line for <paramref name="reason"/> is written now.</summary>
    /// <param name="reason">What the line is about; lines with the same reason are throttled together.</param>
    /// <param name="fallbackKey">The slot used once <see cref="MaxReasons"/> reasons are tracked (e.g. the status code).</param>
    /// <param name="suppressed">When the line is written: how many lines for this reason were held back since the last one.</param>
    /// <returns><see langword="true"/> when the caller writes the line.</returns>
    public bool ShouldLog(string reason, string fallbackKey, out long suppressed)
    {
        if (!_slots.TryGetValue(reason, out var slot))
        {
            slot = _slots.Count < MaxReasons ? _slots.GetOrAdd(reason, static _ => new Slot()) : _slots.GetOrAdd("\u0001" + fallbackKey, static _ => new Slot());
        }

        var now = time.GetTimestamp();
        lock (slot)
        {
            if (slot.Logged && time.GetElapsedTime(slot.LastLogged, now) < window)
            {
                slot.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = slot.Suppressed;
            slot.Suppressed = 0;
            slot.LastLogged = now;
            slot.Logged = true;
            return true;
        }
    }

    private sealed class Slot
    {
        public bool Logged;

        public long LastLogged;
        public long Suppressed;
    }
}
