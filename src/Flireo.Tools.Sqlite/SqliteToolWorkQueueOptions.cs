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

    /// <summary>Gets or sets how long finished calls are kept, so the same tool call (same ids, tool and arguments) sent again is still recognised as a duplicate. Default 1 day.</summary>
    /// <remarks>The arguments of a finished call are erased at once; only its key and times are kept.</remarks>
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromDays(1);
}
