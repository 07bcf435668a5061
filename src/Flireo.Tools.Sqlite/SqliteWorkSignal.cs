using Flireo.Tools.Async;

namespace Flireo.Tools.Sqlite;

/// <summary>Holds the signal the SQLite queue and store use to wake their processor, as a service of its own type.</summary>
internal sealed class SqliteWorkSignal
{
    /// <summary>Gets the signal.</summary>
    public ToolWorkSignal Signal { get; } = new();
}
