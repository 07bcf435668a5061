namespace Flireo.Tools.Invocation;

/// <summary>How a wait under a deadline ended.</summary>
internal enum DeadlineEnd
{
    /// <summary>The work ended (successfully or not) within the time limit.</summary>
    Completed,

    /// <summary>The time limit passed first.</summary>
    TimedOut,

    /// <summary>The caller gave up first.</summary>
    Aborted,
}

/// <summary>
/// The one deadline of sync tool calls, async runs and webhook handlers: the token source of one piece of work, a wait
/// for it under a time limit read from a <see cref="TimeProvider"/>, and what happens to work that outlives the wait.
/// </summary>
/// <remarks>
/// Create it before starting the work and give the work <see cref="Token"/>. After the wait, call exactly one of
/// <see cref="Complete"/> (the work ended in time: its token source is disposed now) or <see cref="Abandon"/> (the token
/// is cancelled, the caller goes on at once, and the work's late end is observed: its exception read, the token source
/// disposed then, not before, and a callback run). A tool that ignores its token therefore never holds up an answer,
/// never leaves an unobserved exception, and never has its token source disposed while it may still use it. A struct,
/// so a call pays no allocation beyond the token source itself.
/// </remarks>
internal readonly struct Deadline
{
    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _link;

    private Deadline(CancellationTokenSource? source, CancellationToken token, CancellationTokenRegistration link = default)
    {
        _source = source;
        _link = link;
        Token = token;
    }

    /// <summary>Gets the token the work gets: cancelled at the deadline, when the caller gives up, or both.</summary>
    public CancellationToken Token { get; }

    /// <summary>Creates the deadline of work that gets a token of its own, cancelled with <paramref name="cancellationToken"/> or by <see cref="Abandon"/>.</summary>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The deadline.</returns>
    public static Deadline Linked(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new(source, source.Token);
    }

    /// <summary>Creates the deadline of a tool call: a token source of its own when the tool takes a token, else none.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The deadline.</returns>
    public static Deadline For(ToolDescriptor tool, CancellationToken cancellationToken) =>
        tool.TakesCancellationToken ? Linked(cancellationToken) : Unowned(cancellationToken);

    /// <summary>Creates the deadline of work that takes no token (so cannot be cancelled): it gets the caller's token and no source is created.</summary>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The deadline.</returns>
    public static Deadline Unowned(CancellationToken cancellationToken) => new(null, cancellationToken);

    /// <summary>Creates the deadline of work that may outlive its caller: <paramref name="cancellationToken"/> cancels it until <see cref="Detach"/>.</summary>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The deadline.</returns>
    public static Deadline Detachable(CancellationToken cancellationToken)
    {
        var source = new CancellationTokenSource();
        var link = cancellationToken.UnsafeRegister(static state => Cancel((CancellationTokenSource)state!), source);
        return new(source, source.Token, link);
    }

    /// <summary>Waits for <paramref name="work"/> up to <paramref name="timeout"/> on <paramref name="time"/>, or until <paramref name="cancellationToken"/> is cancelled; never throws for either.</summary>
    /// <param name="work">The work.</param>
    /// <param name="timeout">The time limit.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">The caller's token; <see cref="CancellationToken.None"/> to wait for the work whatever the caller does.</param>
    /// <returns>An awaitable of how the wait ended; work that ended just as the limit passed counts as <see cref="DeadlineEnd.Completed"/>.</returns>
    public static DeadlineWait WaitAsync(Task work, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        new(work, work.WaitAsync(timeout, time, cancellationToken), cancellationToken);

    /// <summary>Stops the caller's token (of <see cref="Detachable"/>) from cancelling the work, which now outlives its caller.</summary>
    public void Detach() => _link.Unregister();

    /// <summary>Ends a deadline whose work ended in time: disposes the token source.</summary>
    public void Complete()
    {
        _link.Unregister();
        _source?.Dispose();
    }

    /// <summary>Abandons work that did not end in time: cancels its token and observes its late end.</summary>
    /// <param name="work">The work.</param>
    /// <param name="late">Called once the work has ended, after the token source was disposed; must not throw.</param>
    /// <param name="state">The state <paramref name="late"/> gets.</param>
    /// <remarks>
    /// The token is cancelled on the thread pool (<see cref="CancellationTokenSource.CancelAsync"/>), so callbacks the work
    /// registered on it cannot delay the caller, and an exception thrown by one of them is swallowed: the work is
    /// abandoned either way.
    /// </remarks>
    public void Abandon(Task work, Action<object?>? late = null, object? state = null)
    {
        _link.Unregister();
        _ = ObserveAsync(work, _source, late, state);
    }

    private static async Task ObserveAsync(Task work, CancellationTokenSource? source, Action<object?>? late, object? state)
    {
        if (source is not null)
        {
            try
            {
                await source.CancelAsync().ConfigureAwait(false);
            }
            catch (AggregateException)
            {
                // A callback the work registered on its token threw; the work is abandoned either way.
            }
        }

        await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ = work.Exception;
        source?.Dispose();
        late?.Invoke(state);
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A callback the work registered on its token threw; the work is cancelled either way.
        }
    }
}
