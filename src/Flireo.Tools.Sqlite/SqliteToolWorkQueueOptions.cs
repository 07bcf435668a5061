namespace Flireo.Tools.Sqlite;

/// <summary>Configures the SQLite work queue: where its file lives, leases, polling and how long finished calls are kept.</summary>
/// <remarks>Bound from the <c>Flireo:Sqlite</c> configuration section (so <c>Flireo__Sqlite__DataDirectory</c> works).</remarks>
public sealed class SqliteToolWorkQueueOptions
{
    /// <summary>The configuration section the options bind from: <c>Flireo:Sqlite</c>.</summary>
    public const string SectionName = "Flireo:Sqlite";

    /// <summary>Gets or sets the folder of the database file; a relative path is resolved against the current directory. Default <c>data</c>.</summary>
    /// <remarks>The folder is created when missing. It must be on a local disk (SQLite's WAL mode does not work over network file systems) and should be kept across deployments.</remarks>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Gets or sets the name of the database file in <see cref="DataDirectory"/>. Default <c>flireo-tools-work.db</c>.</summary>
    public string FileName { get; set; } = "flireo-tools-work.db";

    /// <summary>Gets or sets how long a claimed call stays reserved for the process running it without a renewal. Default 1 minute.</summary>
    /// <remarks>
    /// Leases are renewed every third of this while the call runs. After a crash the calls the process was running are due
    /// again when their leases expire, so a restart runs them at most this long after the crash.
    /// </remarks>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how often the database is checked for due calls when nothing in this process stored one. Default 1 second.</summary>
    /// <remarks>Calls stored by this process start at once; the interval bounds how late retries and calls stored by other processes start.</remarks>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets a value indicating whether a new call is flushed to disk before its webhook is acknowledged. Default <see langword="true"/>.</summary>
    /// <remarks>
    /// <para>
    /// <see langword="true"/> (SQLite's <c>synchronous=FULL</c>): an acknowledged call survives a crash of the process, of the
    /// operating system and a power cut. Each acknowledgement waits for the disk's flush, shared by the calls that arrive
    /// together: a few milliseconds on most disks, more at the 99th percentile under load.
    /// </para>
    /// <para>
    /// <see langword="false"/> (<c>synchronous=NORMAL</c> in WAL mode): an acknowledged call has been handed to the operating
    /// system, so it survives a crash or kill of the process, as Redis with its default <c>appendfsync everysec</c>; the disk
    /// is flushed by a checkpoint about a second after the writes, so a power cut or an OS crash can lose the calls
    /// acknowledged in the last second or so. Acknowledgements then no longer wait for the disk.
    /// </para>
    /// </remarks>
    public bool FlushBeforeAcknowledging { get; set; } = true;

    /// <summary>Gets or sets how long finished calls are kept, so the same tool call (same ids, tool and arguments) sent again is still recognised as a duplicate. Default 1 day.</summary>
    /// <remarks>The arguments of a finished call are erased at once; only its key and times are kept.</remarks>
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromDays(1);
}
