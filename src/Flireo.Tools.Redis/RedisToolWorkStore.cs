using System.Globalization;
using System.Text.Json;
using Flireo.Tools.Async;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Flireo.Tools.Redis;

/// <summary>Stores acknowledged async tool calls in a Redis stream read by a consumer group, so several servers share them; also lists and retries dead letters.</summary>
/// <remarks>
/// <para>
/// Keys (all under <see cref="RedisToolWorkQueueOptions.KeyPrefix"/>): <c>:stream</c> holds unfinished calls, read by the
/// consumer group <c>workers</c>; <c>:retry</c> (a sorted set) holds calls waiting for a retry until they are due;
/// <c>:dead</c> is the dead-letter stream; <c>:key:&lt;key&gt;</c> (<see cref="ToolWorkItem.Key"/>: call id, tool call id,
/// tool name and arguments fingerprint) remembers accepted calls for de-duplication. Entries stored by an earlier version,
/// under the old key, still run and can still be retried from the dead letters.
/// </para>
/// <para>
/// A call is added with <c>SET NX</c> on its key and <c>XADD</c> in one script, so two servers never both accept it. A
/// finished call is acknowledged and deleted from the stream. A call pending for a consumer that stayed silent longer than
/// <see cref="RedisToolWorkQueueOptions.ClaimTimeout"/> is taken over with <c>XAUTOCLAIM</c>; its delivery count makes the
/// attempt number, so a call that kills every server running it still ends in the dead letters.
/// </para>
/// <para>
/// With a connection string the store opens two connections: one for new calls only, so an acknowledgement is not queued
/// behind the settles, claims and renewals of running calls; renewals go in chunks of 256 entries. With a shared
/// <see cref="IConnectionMultiplexer"/> everything uses that one.
/// </para>
/// </remarks>
public sealed class RedisToolWorkStore : IToolWorkDeadLetterStore, IToolWorkLeaseStore, IDisposable, IAsyncDisposable
{
    private const string GroupName = "workers";

    // The most entries one renewal command claims.
    private const int RenewChunk = 256;

    private readonly RedisToolWorkQueueOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    private readonly IConnectionMultiplexer? _sharedConnection;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly RedisKey _stream;
    private readonly RedisKey _retry;
    private readonly RedisKey _dead;
    // Without a shared multiplexer the store opens two: new calls get a connection of their own, so an acknowledgement is
    // never queued behind the settles, claims and renewals of running calls in one connection's pipeline.
    private ConnectionMultiplexer? _connection;
    private ConnectionMultiplexer? _enqueueConnection;
    private volatile bool _groupReady;
    private (int Count, DateTimeOffset? Oldest, int DeadLetters) _statistics;

    /// <summary>Initializes a new instance of the <see cref="RedisToolWorkStore"/> class; it connects on first use.</summary>
    /// <param name="options">The connection string, key prefix and timing.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    public RedisToolWorkStore(IOptions<RedisToolWorkQueueOptions> options, TimeProvider? timeProvider = null, ILogger<RedisToolWorkStore>? logger = null)
        : this(options, connection: null, timeProvider ?? TimeProvider.System, logger ?? (ILogger)NullLogger.Instance)
    {
    }

    internal RedisToolWorkStore(IOptions<RedisToolWorkQueueOptions> options, IConnectionMultiplexer? connection, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        if (connection is null && string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException($"The Redis work queue needs {RedisToolWorkQueueOptions.SectionName}:ConnectionString (or an IConnectionMultiplexer registered as a service).");
        }

        _sharedConnection = connection;
        _timeProvider = timeProvider;
        _logger = logger;
        _stream = _options.KeyPrefix + ":stream";
        _retry = _options.KeyPrefix + ":retry";
        _dead = _options.KeyPrefix + ":dead";
        ConsumerName = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
    }

    /// <summary>Gets the name this store reads the stream under; unique per store instance.</summary>
    public string ConsumerName { get; }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToolWorkDeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        var entries = await database.StreamRangeAsync(_dead, "-", "+", maxCount).ConfigureAwait(false);
        var letters = new List<ToolWorkDeadLetter>(entries.Length);
        foreach (var entry in entries)
        {
            if (ReadItem(entry) is not { } item)
            {
                continue;
            }

            letters.Add(new ToolWorkDeadLetter
            {
                Item = item,
                Attempts = (int)entry["attempts"],
                Status = Enum.TryParse<ToolRunStatus>(entry["status"].ToString(), out var status) ? status : ToolRunStatus.Exception,
                Error = entry["error"].IsNullOrEmpty ? null : entry["error"].ToString(),
                DeadLetteredAt = DateTimeOffset.FromUnixTimeMilliseconds((long)entry["at"]),
            });
        }

        return letters;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RetryDeadLetterAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        if (await FindDeadLetterAsync(database, key).ConfigureAwait(false) is not { } entry)
        {
            return false;
        }

        await EnsureGroupAsync(database).ConfigureAwait(false);
        var retried = (int)await database.ScriptEvaluateAsync(
            RedisScripts.RetryDead,
            [_dead, _stream, DedupeKey(key)],
            [entry.Id, entry["item"], RetentionMilliseconds]).ConfigureAwait(false);
        if (retried == 0)
        {
            return false;
        }

        RedisLog.DeadLetterRetried(_logger, key);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteDeadLetterAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        if (await FindDeadLetterAsync(database, key).ConfigureAwait(false) is not { } entry)
        {
            return false;
        }

        var deleted = (int)await database.ScriptEvaluateAsync(RedisScripts.DeleteDead, [_dead, DedupeKey(key)], [entry.Id, RetentionMilliseconds]).ConfigureAwait(false);
        if (deleted == 1)
        {
            RedisLog.DeadLetterDeleted(_logger, key);
        }

        return deleted == 1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_sharedConnection is null)
        {
            _connection?.Dispose();
            _enqueueConnection?.Dispose();
        }

        _connectLock.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_sharedConnection is null)
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }

            if (_enqueueConnection is not null)
            {
                await _enqueueConnection.DisposeAsync().ConfigureAwait(false);
            }
        }

        _connectLock.Dispose();
    }

    /// <summary>Adds a call unless its key was accepted before (by any server sharing the prefix).</summary>
    internal async ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item)
    {
        var database = await GetDatabaseAsync(forEnqueue: true).ConfigureAwait(false);
        await EnsureGroupAsync(database).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(item, RedisJsonContext.Default.ToolWorkItem);
        var added = (int)await database.ScriptEvaluateAsync(RedisScripts.Enqueue, [DedupeKey(item.Key), _stream], [RetentionMilliseconds, json]).ConfigureAwait(false);
        return added == 1 ? ToolWorkEnqueueResult.Accepted : ToolWorkEnqueueResult.Duplicate;
    }

    /// <summary>Returns the statistics read at the last maintenance.</summary>
    internal (int Count, DateTimeOffset? OldestEnqueuedAt, int DeadLetters) CachedStatistics => _statistics;

    /// <summary>Reads how many calls are unfinished, when the oldest waiting one was accepted and how many dead letters wait.</summary>
    internal async ValueTask<(int Count, DateTimeOffset? OldestEnqueuedAt, int DeadLetters)> ReadStatisticsAsync()
    {
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        var streamLength = database.StreamLengthAsync(_stream);
        var retryLength = database.SortedSetLengthAsync(_retry);
        var deadLength = database.StreamLengthAsync(_dead);
        var first = database.StreamRangeAsync(_stream, "-", "+", 1);
        var firstRetry = database.SortedSetRangeByRankAsync(_retry, 0, 0);
        await Task.WhenAll(streamLength, retryLength, deadLength, first, firstRetry).ConfigureAwait(false);
        DateTimeOffset? oldest = null;
        if ((await first.ConfigureAwait(false)) is [var entry] && ReadItem(entry) is { } item)
        {
            oldest = item.EnqueuedAt;
        }

        if ((await firstRetry.ConfigureAwait(false)) is [var member] && ParseRetryMember(member) is { } retrying && (oldest is null || retrying.EnqueuedAt < oldest))
        {
            oldest = retrying.EnqueuedAt;
        }

        _statistics = ((int)(await streamLength.ConfigureAwait(false) + await retryLength.ConfigureAwait(false)), oldest, (int)await deadLength.ConfigureAwait(false));
        return _statistics;
    }

    /// <inheritdoc />
    ValueTask<ToolWorkEnqueueResult> IToolWorkLeaseStore.EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken) =>
        EnqueueAsync(item);

    /// <inheritdoc />
    ToolWorkStoreStatistics IToolWorkLeaseStore.GetStatistics()
    {
        var (count, oldest, deadLetters) = _statistics;
        return new ToolWorkStoreStatistics(count, oldest, deadLetters);
    }

    async ValueTask<IReadOnlyList<ToolWorkLease>> IToolWorkLeaseStore.ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        await EnsureGroupAsync(database).ConfigureAwait(false);
        await database.ScriptEvaluateAsync(RedisScripts.Promote, [_retry, _stream], [_timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), 100]).ConfigureAwait(false);

        var leases = new List<ToolWorkLease>(maxCount);
        var claimTimeout = (long)_options.ClaimTimeout.TotalMilliseconds;
        var takenOver = await database.StreamAutoClaimAsync(_stream, GroupName, ConsumerName, claimTimeout, "0-0", maxCount).ConfigureAwait(false);
        if (!takenOver.IsNull && takenOver.ClaimedEntries.Length > 0)
        {
            RedisLog.TookOver(_logger, takenOver.ClaimedEntries.Length, claimTimeout);
            foreach (var entry in takenOver.ClaimedEntries)
            {
                var pending = await database.StreamPendingMessagesAsync(_stream, GroupName, 1, ConsumerName, entry.Id, entry.Id).ConfigureAwait(false);
                var deliveries = pending is [var info] ? info.DeliveryCount : 2;
                await AddLeaseAsync(database, leases, entry, deliveries).ConfigureAwait(false);
            }
        }

        if (leases.Count < maxCount)
        {
            var fresh = await database.StreamReadGroupAsync(_stream, GroupName, ConsumerName, StreamPosition.NewMessages, maxCount - leases.Count).ConfigureAwait(false);
            foreach (var entry in fresh)
            {
                await AddLeaseAsync(database, leases, entry, deliveries: 1).ConfigureAwait(false);
            }
        }

        return leases;
    }

    async ValueTask IToolWorkLeaseStore.RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken)
    {
        // XCLAIM ... JUSTID resets the idle time without counting a delivery. In chunks: Redis runs one command at a time,
        // and one XCLAIM of thousands of ids would hold up every new call meanwhile.
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        for (var start = 0; start < leases.Count; start += RenewChunk)
        {
            var ids = new RedisValue[Math.Min(RenewChunk, leases.Count - start)];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = ((RedisToolWorkLease)leases[start + i]).EntryId;
            }

            await database.StreamClaimIdsOnlyAsync(_stream, GroupName, ConsumerName, 0, ids).ConfigureAwait(false);
        }
    }

    ValueTask IToolWorkLeaseStore.CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken) =>
        SettleAsync((RedisToolWorkLease)lease, "complete", lease.Attempt, dueAt: 0, outcome: default);

    ValueTask IToolWorkLeaseStore.RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken) =>
        SettleAsync((RedisToolWorkLease)lease, "retry", lease.Attempt, (_timeProvider.GetUtcNow() + delay).ToUnixTimeMilliseconds(), outcome);

    ValueTask IToolWorkLeaseStore.DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken) =>
        SettleAsync((RedisToolWorkLease)lease, "dead", lease.Attempt, dueAt: 0, outcome);

    ValueTask IToolWorkLeaseStore.ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken) =>
        SettleAsync((RedisToolWorkLease)lease, "release", lease.Attempt - 1, dueAt: 0, outcome: default);

    async ValueTask<IReadOnlyList<ToolWorkItem>> IToolWorkLeaseStore.ListWaitingAsync(int maxCount, CancellationToken cancellationToken)
    {
        // Entries of the stream no consumer holds (pending ones run somewhere), then the calls waiting for a retry.
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        await EnsureGroupAsync(database).ConfigureAwait(false);
        var entries = await database.StreamRangeAsync(_stream, "-", "+", maxCount).ConfigureAwait(false);
        var items = new List<ToolWorkItem>(Math.Min(maxCount, entries.Length));
        if (entries.Length > 0)
        {
            var pending = await database.StreamPendingMessagesAsync(_stream, GroupName, entries.Length, RedisValue.Null, entries[0].Id, entries[^1].Id).ConfigureAwait(false);
            var held = new HashSet<RedisValue>(pending.Select(static p => p.MessageId));
            foreach (var entry in entries)
            {
                if (!held.Contains(entry.Id) && ReadItem(entry) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        if (items.Count < maxCount)
        {
            foreach (var member in await database.SortedSetRangeByRankAsync(_retry, 0, maxCount - items.Count - 1).ConfigureAwait(false))
            {
                if (ParseRetryMember(member) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        return items;
    }

    async ValueTask IToolWorkLeaseStore.MaintainAsync(CancellationToken cancellationToken)
    {
        await ReadStatisticsAsync().ConfigureAwait(false);
    }

    private static ToolWorkItem? ParseItem(RedisValue json)
    {
        try
        {
            return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.RedisStoredItem)?.ToItem();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ToolWorkItem? ParseRetryMember(RedisValue member)
    {
        var text = (string?)member;
        var separator = text?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        return separator < 0 ? null : ParseItem(text![(separator + 1)..]);
    }

    private static ToolWorkItem? ReadItem(StreamEntry entry) => ParseItem(entry["item"]);

    private RedisValue RetentionMilliseconds => Math.Max(1L, (long)_options.CompletedRetention.TotalMilliseconds);

    private RedisKey DedupeKey(string key) => _options.KeyPrefix + ":key:" + key;

    private async ValueTask AddLeaseAsync(IDatabase database, List<ToolWorkLease> leases, StreamEntry entry, long deliveries)
    {
        var item = ReadItem(entry);
        if (item is null)
        {
            RedisLog.UnreadableEntry(_logger, entry.Id.ToString());
            await database.StreamAcknowledgeAsync(_stream, GroupName, entry.Id).ConfigureAwait(false);
            await database.StreamDeleteAsync(_stream, [entry.Id]).ConfigureAwait(false);
            return;
        }

        var before = (int)entry["attempts"];
        leases.Add(new RedisToolWorkLease(item, before + (int)Math.Min(deliveries, int.MaxValue - before), entry.Id, entry["item"]));
    }

    private async ValueTask SettleAsync(RedisToolWorkLease lease, string mode, int attempts, long dueAt, ToolRunOutcome outcome)
    {
        var database = await GetDatabaseAsync().ConfigureAwait(false);
        await database.ScriptEvaluateAsync(
            RedisScripts.Settle,
            [_stream, DedupeKey(lease.Item.Key), _retry, _dead],
            [
                GroupName,
                lease.EntryId,
                ConsumerName,
                mode,
                lease.ItemJson,
                attempts,
                RetentionMilliseconds,
                dueAt,
                outcome.Status.ToString(),
                outcome.Error ?? string.Empty,
                _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
                lease.Item.Key,
            ]).ConfigureAwait(false);
    }

    private async ValueTask<StreamEntry?> FindDeadLetterAsync(IDatabase database, string key)
    {
        RedisValue start = "-";
        while (true)
        {
            var entries = await database.StreamRangeAsync(_dead, start, "+", 500).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                // Dead letters written before the key named tool and arguments carry the old key: match the item's key too.
                if (entry["key"] == key || ReadItem(entry)?.Key == key)
                {
                    return entry;
                }
            }

            if (entries.Length < 500)
            {
                return null;
            }

            start = "(" + entries[^1].Id;
        }
    }

    private async ValueTask EnsureGroupAsync(IDatabase database)
    {
        if (_groupReady)
        {
            return;
        }

        try
        {
            await database.StreamCreateConsumerGroupAsync(_stream, GroupName, "0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        _groupReady = true;
    }

    // The connection for new calls (forEnqueue) or for everything else; both the shared multiplexer when one was given.
    private async ValueTask<IDatabase> GetDatabaseAsync(bool forEnqueue = false)
    {
        if (_sharedConnection is not null)
        {
            return _sharedConnection.GetDatabase();
        }

        if (Volatile.Read(ref forEnqueue ? ref _enqueueConnection : ref _connection) is { } connection)
        {
            return connection.GetDatabase();
        }

        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var existing = forEnqueue ? _enqueueConnection : _connection;
            if (existing is null)
            {
                existing = await ConnectionMultiplexer.ConnectAsync(_options.ConnectionString!).ConfigureAwait(false);
                if (_connection is null && _enqueueConnection is null)
                {
                    RedisLog.StoreOpened(_logger, _stream.ToString(), ConsumerName);
                }

                Volatile.Write(ref forEnqueue ? ref _enqueueConnection : ref _connection, existing);
            }

            return existing.GetDatabase();
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
