using System.Collections.Frozen;
using Flireo.Tools.Async;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Testing;

/// <summary>Checks an <see cref="IToolWorkLeaseStore"/> against the contract the Flireo.Tools processor relies on; derive it for your store.</summary>
/// <remarks>
/// <para>
/// Each check (<see cref="Checks"/>) runs on a new instance: derive your test class from this one, so the test framework
/// creates it per test case, give each instance an empty back-end (a new folder, database or key prefix), and run every
/// check as a case of one parameterised test. With xunit:
/// </para>
/// <code>
/// public sealed class PostgresStoreSpecificationTests : ToolWorkStoreSpecification
/// {
///     public static TheoryData&lt;string&gt; AllChecks =&gt; new(Checks);
///
///     [Theory, MemberData(nameof(AllChecks))]
///     public Task Store_MeetsTheContract(string check) =&gt; RunAsync(check);
///
///     protected override TimeSpan LeaseDuration =&gt; TimeSpan.FromMinutes(1);
///
///     protected override ValueTask&lt;IToolWorkLeaseStore&gt; CreateStoreAsync() =&gt; …; // on this instance's back-end, with Time and LeaseDuration
/// }
/// </code>
/// <para>
/// A check fails with a <see cref="ToolWorkStoreSpecificationException"/> that says what the store did and what the contract
/// asks. The stores a check creates are disposed after it.
/// </para>
/// </remarks>
public abstract class ToolWorkStoreSpecification
{
    private static readonly FrozenDictionary<string, Func<ToolWorkStoreSpecification, Task>> s_checks = new Dictionary<string, Func<ToolWorkStoreSpecification, Task>>(StringComparer.Ordinal)
    {
        [nameof(Enqueue_SameKeyAgain_IsDuplicateAndAnotherKeyIsAccepted)] = static s => s.Enqueue_SameKeyAgain_IsDuplicateAndAnotherKeyIsAccepted(),
        [nameof(Claim_DueCalls_HandsEachOutOnceOldestFirstUpToTheLimit)] = static s => s.Claim_DueCalls_HandsEachOutOnceOldestFirstUpToTheLimit(),
        [nameof(Claim_TwoStoresAtOnce_NeverHandOutTheSameCallTwice)] = static s => s.Claim_TwoStoresAtOnce_NeverHandOutTheSameCallTwice(),
        [nameof(Claim_LeaseExpired_HandsTheCallToAnotherStoreWithTheNextAttempt)] = static s => s.Claim_LeaseExpired_HandsTheCallToAnotherStoreWithTheNextAttempt(),
        [nameof(Renew_RunningCall_KeepsItFromOtherStoresPastTheFirstLease)] = static s => s.Renew_RunningCall_KeepsItFromOtherStoresPastTheFirstLease(),
        [nameof(Complete_FinishedCall_IsGoneAndItsKeyStaysADuplicate)] = static s => s.Complete_FinishedCall_IsGoneAndItsKeyStaysADuplicate(),
        [nameof(Complete_AfterTheLeaseWentToAnotherStore_LeavesTheCallToIt)] = static s => s.Complete_AfterTheLeaseWentToAnotherStore_LeavesTheCallToIt(),
        [nameof(RetryLater_FailedAttempt_IsDueOnlyAfterTheDelayWithTheNextAttempt)] = static s => s.RetryLater_FailedAttempt_IsDueOnlyAfterTheDelayWithTheNextAttempt(),
        [nameof(Release_AttemptCutShort_IsDueAtOnceWithoutCountingTheAttempt)] = static s => s.Release_AttemptCutShort_IsDueAtOnceWithoutCountingTheAttempt(),
        [nameof(DeadLetter_FailedCall_IsNotHandedOutAgainAndItsKeyStaysADuplicate)] = static s => s.DeadLetter_FailedCall_IsNotHandedOutAgainAndItsKeyStaysADuplicate(),
        [nameof(DeadLetters_Listed_CanBeRetriedFromAttemptOneOrDeleted)] = static s => s.DeadLetters_Listed_CanBeRetriedFromAttemptOneOrDeleted(),
        [nameof(ListWaiting_AtStop_NamesDueAndRetryingCallsButNotRunningOnes)] = static s => s.ListWaiting_AtStop_NamesDueAndRetryingCallsButNotRunningOnes(),
        [nameof(GetStatistics_AfterMaintenance_CountsUnfinishedCallsTheOldestAndDeadLetters)] = static s => s.GetStatistics_AfterMaintenance_CountsUnfinishedCallsTheOldestAndDeadLetters(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly List<IToolWorkLeaseStore> _created = [];

    /// <summary>Initializes a new instance of the <see cref="ToolWorkStoreSpecification"/> class; a derived test class gives it an empty back-end.</summary>
    protected ToolWorkStoreSpecification()
    {
    }

    /// <summary>Gets the names of every check, for a parameterised test that runs each with <see cref="RunAsync"/>.</summary>
    public static IReadOnlyList<string> Checks { get; } = [.. s_checks.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Gets the clock the stores must use for due times, leases (where the back-end's clock allows) and timestamps.</summary>
    /// <remarks>Starts at 2025-06-01 12:00 UTC; the checks move it with <see cref="AdvanceAsync"/>.</remarks>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Gets how long a lease of the stores <see cref="CreateStoreAsync"/> creates lasts without a renewal.</summary>
    protected abstract TimeSpan LeaseDuration { get; }

    /// <summary>Runs one check on this instance.</summary>
    /// <param name="check">One of <see cref="Checks"/>.</param>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ToolWorkStoreSpecificationException">The store broke the contract.</exception>
    public async Task RunAsync(string check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!s_checks.TryGetValue(check, out var run))
        {
            throw new ArgumentException($"'{check}' is not a check of {nameof(ToolWorkStoreSpecification)}; use one of {nameof(Checks)}.", nameof(check));
        }

        try
        {
            await run(this).ConfigureAwait(false);
        }
        finally
        {
            foreach (var store in _created)
            {
                await DisposeAsync(store).ConfigureAwait(false);
            }

            _created.Clear();
        }
    }

    /// <summary>Checks that a key is accepted once, that another key is accepted, and that a stored call comes back unchanged.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Enqueue_SameKeyAgain_IsDuplicateAndAnotherKeyIsAccepted()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        var item = Item("t1", callId: null);

        var first = await store.EnqueueAsync(item, CancellationToken.None).ConfigureAwait(false);
        var again = await store.EnqueueAsync(item, CancellationToken.None).ConfigureAwait(false);
        var otherStore = await (await StoreAsync().ConfigureAwait(false)).EnqueueAsync(item, CancellationToken.None).ConfigureAwait(false);
        var otherArguments = await store.EnqueueAsync(item with { ArgumentsJson = """{"phone":"+31600000000"}""" }, CancellationToken.None).ConfigureAwait(false);
        var claimed = await store.ClaimAsync(10, CancellationToken.None).ConfigureAwait(false);

        Expect(first == ToolWorkEnqueueResult.Accepted, $"a new call must be Accepted, got {first}.");
        Expect(again == ToolWorkEnqueueResult.Duplicate, $"the same key offered again must be a Duplicate, got {again}.");
        Expect(otherStore == ToolWorkEnqueueResult.Duplicate, $"the same key offered to another store instance on the same back-end must be a Duplicate, got {otherStore}.");
        Expect(otherArguments == ToolWorkEnqueueResult.Accepted, $"the same ids with other arguments are another call (another key) and must be Accepted, got {otherArguments}.");
        Expect(claimed.Count == 2, $"two calls were accepted, {claimed.Count} were handed out.");
        var stored = claimed.FirstOrDefault(l => l.Item.Key == item.Key)?.Item;
        Expect(stored == item, $"a stored call must come back unchanged: stored {Describe(item)}, got {(stored is null ? "nothing" : Describe(stored))}.");
    }

    /// <summary>Checks that due calls are handed out oldest first, at most the number asked for, each once, on attempt 1.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Claim_DueCalls_HandsEachOutOnceOldestFirstUpToTheLimit()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(store, "a", "b", "c").ConfigureAwait(false);

        var first = await store.ClaimAsync(2, CancellationToken.None).ConfigureAwait(false);
        var second = await store.ClaimAsync(2, CancellationToken.None).ConfigureAwait(false);
        var third = await store.ClaimAsync(2, CancellationToken.None).ConfigureAwait(false);

        ExpectIds(first, ["a", "b"], "the first claim of 2");
        ExpectIds(second, ["c"], "the second claim of 2");
        ExpectIds(third, [], "a claim after every call was handed out");
        Expect(first.Concat(second).All(static l => l.Attempt == 1), "a call handed out for the first time must be on attempt 1.");
    }

    /// <summary>Checks that two store instances claiming at the same time never both get a call.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Claim_TwoStoresAtOnce_NeverHandOutTheSameCallTwice()
    {
        const int Calls = 20;
        var one = await StoreAsync().ConfigureAwait(false);
        var two = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(one, [.. Enumerable.Range(0, Calls).Select(static i => "t" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture))]).ConfigureAwait(false);

        var claims = await Task.WhenAll(ClaimAllAsync(one), ClaimAllAsync(two)).ConfigureAwait(false);

        var keys = claims.SelectMany(static c => c).Select(static l => l.Item.Key).ToList();
        Expect(keys.Count == Calls && keys.Distinct(StringComparer.Ordinal).Count() == Calls, $"{Calls} calls claimed by two stores at once must each be handed out once; got {keys.Count} leases for {keys.Distinct(StringComparer.Ordinal).Count()} calls.");
    }

    /// <summary>Checks that a lease not renewed expires and the call goes to another store with the next attempt number.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Claim_LeaseExpired_HandsTheCallToAnotherStoreWithTheNextAttempt()
    {
        var crashed = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(crashed, "t1").ConfigureAwait(false);
        ExpectIds(await crashed.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), ["t1"], "the first claim");
        var restarted = await StoreAsync().ConfigureAwait(false);

        var beforeExpiry = await restarted.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);
        await AdvanceAsync(LeaseDuration + LeaseDuration / 10).ConfigureAwait(false);
        var afterExpiry = await restarted.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);

        ExpectIds(beforeExpiry, [], "a claim by another store while the first lease holds");
        ExpectIds(afterExpiry, ["t1"], "a claim by another store after the lease expired");
        Expect(afterExpiry[0].Attempt == 2, $"the attempt of a crashed process counts: the call must be handed out on attempt 2, got {afterExpiry[0].Attempt}.");
    }

    /// <summary>Checks that renewing a lease keeps the call from other stores after the first lease would have expired.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Renew_RunningCall_KeepsItFromOtherStoresPastTheFirstLease()
    {
        var running = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(running, "t1").ConfigureAwait(false);
        var lease = Single(await running.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the first claim");
        var other = await StoreAsync().ConfigureAwait(false);

        await AdvanceAsync(LeaseDuration * 0.8).ConfigureAwait(false);
        await running.RenewAsync([lease], CancellationToken.None).ConfigureAwait(false);
        await AdvanceAsync(LeaseDuration * 0.3).ConfigureAwait(false);
        var whileRenewed = await other.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);
        await AdvanceAsync(LeaseDuration * 0.8).ConfigureAwait(false);
        var afterRenewalExpired = await other.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);

        ExpectIds(whileRenewed, [], "a claim by another store after the first lease would have expired, but it was renewed");
        ExpectIds(afterRenewalExpired, ["t1"], "a claim by another store after the renewed lease expired");
    }

    /// <summary>Checks that a completed call is not handed out again and its key stays a duplicate.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Complete_FinishedCall_IsGoneAndItsKeyStaysADuplicate()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(store, "t1").ConfigureAwait(false);

        await store.CompleteAsync(Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the claim"), CancellationToken.None).ConfigureAwait(false);
        await AdvanceAsync(LeaseDuration + LeaseDuration / 10).ConfigureAwait(false);
        var claimed = await (await StoreAsync().ConfigureAwait(false)).ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);
        var again = await store.EnqueueAsync(Item("t1"), CancellationToken.None).ConfigureAwait(false);
        var statistics = await StatisticsAsync(store).ConfigureAwait(false);

        ExpectIds(claimed, [], "a claim after the call completed (and its lease would have expired)");
        Expect(again == ToolWorkEnqueueResult.Duplicate, $"a completed call's key must stay known for the retention: offered again it must be a Duplicate, got {again}.");
        Expect(statistics.Count == 0, $"a completed call is finished: the statistics must count 0 unfinished calls, got {statistics.Count}.");
    }

    /// <summary>Checks that a store whose lease expired and went to another store cannot complete the other store's call.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Complete_AfterTheLeaseWentToAnotherStore_LeavesTheCallToIt()
    {
        var slow = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(slow, "t1").ConfigureAwait(false);
        var stale = Single(await slow.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the first claim");
        await AdvanceAsync(LeaseDuration + LeaseDuration / 10).ConfigureAwait(false);
        var other = await StoreAsync().ConfigureAwait(false);
        var current = Single(await other.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the claim after the first lease expired");

        await slow.CompleteAsync(stale, CancellationToken.None).ConfigureAwait(false);
        var afterStale = await StatisticsAsync(other).ConfigureAwait(false);
        await other.CompleteAsync(current, CancellationToken.None).ConfigureAwait(false);
        var afterCurrent = await StatisticsAsync(other).ConfigureAwait(false);

        Expect(afterStale.Count == 1, $"a settle must act only while the lease is held: the stale lease's completion must leave the call unfinished for the store that holds it now, but the statistics count {afterStale.Count} unfinished calls.");
        Expect(afterCurrent.Count == 0, $"the store holding the lease must be able to complete the call; the statistics still count {afterCurrent.Count} unfinished calls.");
    }

    /// <summary>Checks that a retried call waits for exactly its delay and comes back on the next attempt.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task RetryLater_FailedAttempt_IsDueOnlyAfterTheDelayWithTheNextAttempt()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(store, "t1").ConfigureAwait(false);
        var lease = Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the first claim");

        await store.RetryLaterAsync(lease, new ToolRunOutcome(ToolRunStatus.Timeout, "slow"), TimeSpan.FromSeconds(4), CancellationToken.None).ConfigureAwait(false);
        Time.Advance(TimeSpan.FromSeconds(3.9));
        var early = await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);
        Time.Advance(TimeSpan.FromSeconds(0.1));
        var due = await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);
        var statistics = await StatisticsAsync(store).ConfigureAwait(false);

        ExpectIds(early, [], "a claim before the retry delay of 4 s passed (on Time)");
        ExpectIds(due, ["t1"], "a claim once the retry delay of 4 s passed (on Time)");
        Expect(due[0].Attempt == 2, $"a retry is the next attempt: expected attempt 2, got {due[0].Attempt}.");
        Expect(statistics.Count == 1, $"a call being retried is unfinished: expected a count of 1, got {statistics.Count}.");
    }

    /// <summary>Checks that a released call is due at once, for any store, on the same attempt.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task Release_AttemptCutShort_IsDueAtOnceWithoutCountingTheAttempt()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(store, "t1").ConfigureAwait(false);
        var lease = Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the first claim");

        await store.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        var again = await (await StoreAsync().ConfigureAwait(false)).ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);

        ExpectIds(again, ["t1"], "a claim by another store right after the release");
        Expect(again[0].Attempt == 1, $"a released attempt does not count: expected attempt 1 again, got {again[0].Attempt}.");
    }

    /// <summary>Checks that a dead-lettered call is not handed out again, counts as a dead letter and keeps its key known.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task DeadLetter_FailedCall_IsNotHandedOutAgainAndItsKeyStaysADuplicate()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(store, "t1").ConfigureAwait(false);

        await store.DeadLetterAsync(Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the claim"), new ToolRunOutcome(ToolRunStatus.InvalidArguments, "phone missing"), CancellationToken.None).ConfigureAwait(false);
        await AdvanceAsync(LeaseDuration + LeaseDuration / 10).ConfigureAwait(false);
        var claimed = await (await StoreAsync().ConfigureAwait(false)).ClaimAsync(1, CancellationToken.None).ConfigureAwait(false);
        var again = await store.EnqueueAsync(Item("t1"), CancellationToken.None).ConfigureAwait(false);
        var statistics = await StatisticsAsync(store).ConfigureAwait(false);

        ExpectIds(claimed, [], "a claim after the call was dead-lettered");
        Expect(again == ToolWorkEnqueueResult.Duplicate, $"a dead letter's key must stay known: offered again it must be a Duplicate, got {again}.");
        Expect(statistics.Count == 0, $"a dead letter is not an unfinished call: expected a count of 0, got {statistics.Count}.");
        var keepsDeadLetters = store is IToolWorkDeadLetterStore;
        Expect(statistics.DeadLetterCount == (keepsDeadLetters ? 1 : 0), $"the statistics must count the dead letters the store keeps: expected {(keepsDeadLetters ? 1 : 0)}, got {statistics.DeadLetterCount}.");
    }

    /// <summary>Checks, for a store that keeps dead letters, that they are listed with their last outcome, and can be retried from attempt 1 or deleted.</summary>
    /// <returns>A task that completes when the check passed (at once for a store that keeps no dead letters).</returns>
    private async Task DeadLetters_Listed_CanBeRetriedFromAttemptOneOrDeleted()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        if (store is not IToolWorkDeadLetterStore deadLetters)
        {
            return;
        }

        await EnqueueAsync(store, "t1", "t2").ConfigureAwait(false);
        var leases = await store.ClaimAsync(2, CancellationToken.None).ConfigureAwait(false);
        ExpectIds(leases, ["t1", "t2"], "the claim");
        await store.RetryLaterAsync(leases[0], new ToolRunOutcome(ToolRunStatus.Exception, "first try"), TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        var retried = Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the claim of the retry");
        await store.DeadLetterAsync(retried, new ToolRunOutcome(ToolRunStatus.Exception, "SMS gateway down"), CancellationToken.None).ConfigureAwait(false);
        await store.DeadLetterAsync(leases[1], new ToolRunOutcome(ToolRunStatus.ToolError, "no such number"), CancellationToken.None).ConfigureAwait(false);

        var listed = await deadLetters.ListDeadLettersAsync(10, CancellationToken.None).ConfigureAwait(false);
        var requeued = await deadLetters.RetryDeadLetterAsync(Item("t1").Key, CancellationToken.None).ConfigureAwait(false);
        var deleted = await deadLetters.DeleteDeadLetterAsync(Item("t2").Key, CancellationToken.None).ConfigureAwait(false);
        var requeuedTwice = await deadLetters.RetryDeadLetterAsync(Item("t1").Key, CancellationToken.None).ConfigureAwait(false);
        var deletedUnknown = await deadLetters.DeleteDeadLetterAsync(Item("unknown").Key, CancellationToken.None).ConfigureAwait(false);
        var claimedAgain = await store.ClaimAsync(5, CancellationToken.None).ConfigureAwait(false);
        var left = await deadLetters.ListDeadLettersAsync(10, CancellationToken.None).ConfigureAwait(false);

        Expect(listed.Count == 2, $"two calls were dead-lettered, {listed.Count} were listed.");
        var first = listed.FirstOrDefault(d => d.Item.Key == Item("t1").Key);
        Expect(first is not null && first.Item == Item("t1"), "a dead letter must keep the call unchanged.");
        Expect(
            first!.Attempts == 2 && first.Status == ToolRunStatus.Exception && first.Error == "SMS gateway down" && first.DeadLetteredAt == Time.GetUtcNow(),
            $"a dead letter must keep its attempts (2), the last status (Exception) and error (SMS gateway down) and when (Time); got {first.Attempts}, {first.Status}, {first.Error}, {first.DeadLetteredAt:O}.");
        Expect(requeued && deleted, $"retrying and deleting an existing dead letter must return true; got {requeued} and {deleted}.");
        Expect(!requeuedTwice && !deletedUnknown, $"retrying a dead letter no longer there and deleting an unknown key must return false; got {requeuedTwice} and {deletedUnknown}.");
        ExpectIds(claimedAgain, ["t1"], "a claim after the dead letter was retried");
        Expect(claimedAgain[0].Attempt == 1, $"a dead letter retried runs again from attempt 1, got {claimedAgain[0].Attempt}.");
        Expect(left.Count == 0, $"a retried and a deleted dead letter must not be listed any more; {left.Count} still are.");
    }

    /// <summary>Checks that the calls left at a stop are listed: due ones and ones waiting for a retry, not ones another process runs.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task ListWaiting_AtStop_NamesDueAndRetryingCallsButNotRunningOnes()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        await EnqueueAsync(store, "retrying", "running", "due").ConfigureAwait(false);
        var retrying = Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the first claim");
        await store.RetryLaterAsync(retrying, new ToolRunOutcome(ToolRunStatus.Exception, "down"), TimeSpan.FromMinutes(5), CancellationToken.None).ConfigureAwait(false);
        ExpectIds(await (await StoreAsync().ConfigureAwait(false)).ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), ["running"], "the second claim");

        var waiting = await store.ListWaitingAsync(10, CancellationToken.None).ConfigureAwait(false);
        var limited = await store.ListWaitingAsync(1, CancellationToken.None).ConfigureAwait(false);

        var ids = waiting.Select(static i => i.ToolCallId).Order(StringComparer.Ordinal).ToList();
        Expect(ids.SequenceEqual(["due", "retrying"]), $"the calls no process runs are 'due' and 'retrying'; listed: [{string.Join(", ", ids)}].");
        Expect(limited.Count == 1, $"asked for at most 1, the store listed {limited.Count}.");
    }

    /// <summary>Checks that the statistics (after <see cref="IToolWorkLeaseStore.MaintainAsync"/>) count unfinished calls, the oldest acceptance and dead letters.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    private async Task GetStatistics_AfterMaintenance_CountsUnfinishedCallsTheOldestAndDeadLetters()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        var empty = await StatisticsAsync(store).ConfigureAwait(false);
        await EnqueueAsync(store, "dead", "running", "waiting").ConfigureAwait(false);
        await store.DeadLetterAsync(Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the first claim"), new ToolRunOutcome(ToolRunStatus.UnknownTool), CancellationToken.None).ConfigureAwait(false);
        Single(await store.ClaimAsync(1, CancellationToken.None).ConfigureAwait(false), "the second claim");

        var statistics = await StatisticsAsync(store).ConfigureAwait(false);

        Expect(empty == default, $"an empty store must report no calls, no oldest call and no dead letters; got {empty}.");
        var deadLetters = store is IToolWorkDeadLetterStore ? 1 : 0;
        var expected = new ToolWorkStoreStatistics(2, Item("running", order: 1).EnqueuedAt, deadLetters);
        Expect(statistics == expected, $"with one call running, one waiting and one dead letter the statistics must be {expected}; got {statistics}.");
    }

    /// <summary>Creates a store instance on this instance's back-end, using <see cref="Time"/> and <see cref="LeaseDuration"/>.</summary>
    /// <returns>A new store; every store created for one check shares the back-end, as processes sharing a database do.</returns>
    /// <remarks>Each call must return a new instance with leases of its own: a lease taken by one is not held by another.</remarks>
    protected abstract ValueTask<IToolWorkLeaseStore> CreateStoreAsync();

    /// <summary>Lets <paramref name="duration"/> pass for the stores: advances <see cref="Time"/>.</summary>
    /// <param name="duration">How long passes.</param>
    /// <returns>A task that completes when the time has passed.</returns>
    /// <remarks>Override it when leases expire on the back-end's own clock (Redis measures idle time itself): advance <see cref="Time"/> and also wait for the real time to pass.</remarks>
    protected virtual ValueTask AdvanceAsync(TimeSpan duration)
    {
        Time.Advance(duration);
        return ValueTask.CompletedTask;
    }

    private static async ValueTask DisposeAsync(IToolWorkLeaseStore store)
    {
        if (store is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else if (store is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private static async Task<List<ToolWorkLease>> ClaimAllAsync(IToolWorkLeaseStore store)
    {
        var all = new List<ToolWorkLease>();
        while (true)
        {
            var claimed = await store.ClaimAsync(3, CancellationToken.None).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                return all;
            }

            all.AddRange(claimed);
        }
    }

    private static async Task<ToolWorkStoreStatistics> StatisticsAsync(IToolWorkLeaseStore store)
    {
        await store.MaintainAsync(CancellationToken.None).ConfigureAwait(false);
        return store.GetStatistics();
    }

    private static ToolWorkItem Item(string toolCallId, string? callId = "call-1", int order = 0) => new()
    {
        ToolName = "send_sms",
        ToolCallId = toolCallId,
        CallId = callId,
        ArgumentsJson = """{"phone":"+31612345678","text":"Your table is ready"}""",
        ContextJson = """{"callStatus":"in-progress","message":{"type":"tool-calls","call":{"id":"call-1"}}}""",
        Casing = WebhookCasing.SnakeCase,
        EnqueuedAt = new DateTimeOffset(2025, 6, 1, 11, 0, 0, TimeSpan.Zero).AddSeconds(order),
    };

    private static async Task EnqueueAsync(IToolWorkLeaseStore store, params string[] toolCallIds)
    {
        for (var i = 0; i < toolCallIds.Length; i++)
        {
            var result = await store.EnqueueAsync(Item(toolCallIds[i], order: i), CancellationToken.None).ConfigureAwait(false);
            Expect(result == ToolWorkEnqueueResult.Accepted, $"a new call ({toolCallIds[i]}) must be Accepted, got {result}.");
        }
    }

    private static ToolWorkLease Single(IReadOnlyList<ToolWorkLease> leases, string what)
    {
        Expect(leases.Count == 1, $"{what} must hand out exactly 1 call, got {leases.Count}.");
        return leases[0];
    }

    private static void ExpectIds(IReadOnlyList<ToolWorkLease> leases, string[] expected, string what)
    {
        var ids = leases.Select(static l => l.Item.ToolCallId).ToArray();
        Expect(ids.SequenceEqual(expected), $"{what} must hand out [{string.Join(", ", expected)}], got [{string.Join(", ", ids)}].");
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new ToolWorkStoreSpecificationException("The store broke the contract: " + message);
        }
    }

    private static string Describe(ToolWorkItem item) =>
        $"{item.ToolName} {item.ToolCallId} (call {item.CallId ?? "none"}, {item.Casing}, {item.EnqueuedAt:O}, {item.ArgumentsJson}, {item.ContextJson})";

    private async Task<IToolWorkLeaseStore> StoreAsync()
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        _created.Add(store);
        return store;
    }
}
