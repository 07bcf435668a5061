using Flireo.Tools.Async;

namespace Flireo.Tools.Redis;

/// <summary>Holds the signal the Redis queue and store use to wake their processor, as a service of its own type.</summary>
internal sealed class RedisWorkSignal
{
    /// <summary>Gets the signal.</summary>
    public ToolWorkSignal Signal { get; } = new();
}
