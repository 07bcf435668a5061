namespace Flireo.Tools.Hosting;

/// <summary>Names where the server keeps acknowledged async tool calls until they have run; set with <c>Flireo:Server:Queue</c>.</summary>
internal enum ServerQueue
{
    /// <summary>A SQLite file in <see cref="ServerOptions.DataDirectory"/>: acknowledged calls survive a crash and run after the restart (the default).</summary>
    Sqlite,

    /// <summary>Process memory: fastest, but acknowledged calls that have not run are lost if the process crashes.</summary>
    Memory,

    /// <summary>A Redis stream (<c>Flireo:Redis:ConnectionString</c>) shared by several servers; a dead server's calls are taken over.</summary>
    Redis,
}
