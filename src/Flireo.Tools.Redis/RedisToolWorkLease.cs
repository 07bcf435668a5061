using Flireo.Tools.Async;
using StackExchange.Redis;

namespace Flireo.Tools.Redis;

/// <summary>A call delivered to this consumer: the stream entry it came in and the attempts made before it was added.</summary>
internal sealed class RedisToolWorkLease(ToolWorkItem item, int attempt, RedisValue entryId, RedisValue itemJson) : ToolWorkLease(item, attempt)
{
    public RedisValue EntryId { get; } = entryId;

    public RedisValue ItemJson { get; } = itemJson;
}
