using Flireo.Tools.Async;
using Flireo.Tools.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Redis.Tests;

/// <summary>Runs the store contract of Flireo.Tools.Testing against the Redis store: every store of a check shares one key prefix.</summary>
/// <remarks>Redis measures a claim's idle time on its own clock, so letting time pass also waits for it in real time.</remarks>
[Collection(RedisCollection.Name)]
public sealed class RedisToolWorkStoreSpecificationTests(RedisServerFixture redis) : ToolWorkStoreSpecification
{
    private readonly string _prefix = "{spec-" + Guid.NewGuid().ToString("N") + "}:work";

    public static TheoryData<string> AllChecks => [.. Checks];

    // Long enough that a test process stalled under load for a second still renews in time.
    protected override TimeSpan LeaseDuration => TimeSpan.FromSeconds(3);

    [Theory]
    [MemberData(nameof(AllChecks))]
    public Task Store_Check_MeetsTheContract(string check) => RunAsync(check);

    protected override ValueTask<IToolWorkLeaseStore> CreateStoreAsync() => ValueTask.FromResult<IToolWorkLeaseStore>(new RedisToolWorkStore(
        Options.Create(new RedisToolWorkQueueOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix, ClaimTimeout = LeaseDuration }),
        connection: null,
        Time,
        NullLogger.Instance));

    protected override async ValueTask AdvanceAsync(TimeSpan duration)
    {
        await base.AdvanceAsync(duration);

        // The claim timeout is Redis's idle time: real time has to pass, not just the fake clock.
        await Task.Delay(duration);
    }
}
