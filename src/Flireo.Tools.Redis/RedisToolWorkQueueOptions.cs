namespace Flireo.Tools.Redis;

/// <summary>Configures the Redis Streams work queue: the connection, the keys, how long a dead server's calls wait before another takes them.</summary>
/// <remarks>Bound from the <c>Flireo:Redis</c> configuration section (so <c>Flireo__Redis__ConnectionString</c> works).</remarks>
public sealed class RedisToolWorkQueueOptions
{
    /// <summary>The configuration section the options bind from: <c>Flireo:Redis</c>.</summary>
    public const string SectionName = "Flireo:Redis";

    /// <summary>Gets or sets the StackExchange.Redis connection string, e.g. <c>localhost:6379</c> or <c>redis1:6379,password=…,ssl=true</c>.</summary>
    /// <remarks>Required unless an <c>IConnectionMultiplexer</c> is registered in the service collection, which is then used.</remarks>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the prefix of every key the queue uses. Default <c>{flireo-tools}:work</c>.</summary>
    /// <remarks>Servers that share work must use the same prefix. The braces make every key hash to one Redis Cluster slot, which the queue's scripts need.</remarks>
    public string KeyPrefix { get; set; } = "{flireo-tools}:work";

    /// <summary>Gets or sets how long a call may go without a sign of life from the server running it before another server takes it over. Default 1 minute.</summary>
    /// <remarks>A running call's claim is renewed every third of this. After a server dies, its calls run elsewhere at most this long later.</remarks>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how often Redis is asked for new calls when nothing in this process stored one. Default 1 second.</summary>
    /// <remarks>Calls stored by this process start at once; the interval bounds how late calls stored by other servers and retries start.</remarks>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long the key of an accepted call is remembered, so the same tool call (same ids, tool and arguments) sent again is a duplicate. Default 1 day.</summary>
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromDays(1);
}
