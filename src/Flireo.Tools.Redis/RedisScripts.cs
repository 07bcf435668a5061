namespace Flireo.Tools.Redis;

/// <summary>Holds the Lua scripts of the Redis work store; each runs atomically on the server, so servers sharing a stream never race.</summary>
/// <remarks>Every key a script touches shares the key prefix's hash tag, so the scripts also run on Redis Cluster.</remarks>
internal static class RedisScripts
{
    /// <summary>Adds a call unless its key was accepted before: <c>SET NX</c> on the key with the retention, then <c>XADD</c>; returns 1 when added.</summary>
    /// <remarks>KEYS: the key's de-duplication key, the stream. ARGV: retention in ms, the call's JSON.</remarks>
    internal const string Enqueue = """
        if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
          redis.call('XADD', KEYS[2], '*', 'item', ARGV[2], 'attempts', '0')
          return 1
        end
        return 0
        """;

    /// <summary>Moves the calls whose retry is due from the retry set back onto the stream, with their attempts so far.</summary>
    /// <remarks>KEYS: the retry set, the stream. ARGV: now in Unix ms, the most to move.</remarks>
    internal const string Promote = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
        for _, member in ipairs(due) do
          if redis.call('ZREM', KEYS[1], member) == 1 then
            local sep = string.find(member, '|', 1, true)
            redis.call('XADD', KEYS[2], '*', 'item', string.sub(member, sep + 1), 'attempts', string.sub(member, 1, sep - 1))
          end
        end
        return #due
        """;

    /// <summary>Settles a delivered entry, only while this consumer still owns it: acknowledges and deletes it, then by mode.</summary>
    /// <remarks>
    /// Modes: <c>complete</c> remembers the key for the retention; <c>retry</c> schedules the call in the retry set;
    /// <c>dead</c> moves it to the dead letters and keeps its key; <c>release</c> adds it to the stream again.
    /// KEYS: the stream, the de-duplication key, the retry set, the dead-letter stream. ARGV: group, entry id, consumer, mode,
    /// the call's JSON, attempts, retention in ms, due time in Unix ms, status, error, now in Unix ms, the key.
    /// </remarks>
    internal const string Settle = """
        local owned = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1, ARGV[3])
        if #owned == 0 then return 0 end
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        local mode = ARGV[4]
        if mode == 'complete' then
          redis.call('PEXPIRE', KEYS[2], ARGV[7])
        elseif mode == 'retry' then
          redis.call('ZADD', KEYS[3], ARGV[8], ARGV[6] .. '|' .. ARGV[5])
        elseif mode == 'dead' then
          redis.call('XADD', KEYS[4], '*', 'item', ARGV[5], 'attempts', ARGV[6], 'status', ARGV[9], 'error', ARGV[10], 'at', ARGV[11], 'key', ARGV[12])
          redis.call('PERSIST', KEYS[2])
        else
          redis.call('XADD', KEYS[1], '*', 'item', ARGV[5], 'attempts', ARGV[6])
        end
        return 1
        """;

    /// <summary>Moves a dead letter back onto the stream from attempt 1 and lets its key expire after the retention; returns 1 when it existed.</summary>
    /// <remarks>KEYS: the dead-letter stream, the stream, the de-duplication key. ARGV: the dead letter's entry id, the call's JSON, retention in ms.</remarks>
    internal const string RetryDead = """
        if redis.call('XDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('XADD', KEYS[2], '*', 'item', ARGV[2], 'attempts', '0')
        redis.call('PEXPIRE', KEYS[3], ARGV[3])
        return 1
        """;

    /// <summary>Deletes a dead letter and lets its key expire after the retention; returns 1 when it existed.</summary>
    /// <remarks>KEYS: the dead-letter stream, the de-duplication key. ARGV: the dead letter's entry id, retention in ms.</remarks>
    internal const string DeleteDead = """
        if redis.call('XDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return 1
        """;
}
