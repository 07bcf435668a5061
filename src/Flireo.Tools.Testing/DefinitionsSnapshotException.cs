namespace Flireo.Tools.Testing;

/// <summary>Represents the failure of <see cref="DefinitionsSnapshot.AssertMatches"/>: the exported tool definitions differ from the committed snapshot.</summary>
/// <remarks>The message shows the tools added, removed and changed, the first differing lines, and how to accept the change.</remarks>
public sealed class DefinitionsSnapshotException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DefinitionsSnapshotException"/> class.</summary>
    public DefinitionsSnapshotException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DefinitionsSnapshotException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public DefinitionsSnapshotException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DefinitionsSnapshotException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DefinitionsSnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal DefinitionsSnapshotException(string message, string snapshotPath, string actualPath)
        : base(message)
    {
        SnapshotPath = snapshotPath;
        ActualPath = actualPath;
    }

    /// <summary>Gets the full path of the committed snapshot, or <see langword="null"/> when unknown.</summary>
    public string? SnapshotPath { get; }

    /// <summary>Gets the full path the current definitions were written to (<c>*.actual.json</c> next to the snapshot), or <see langword="null"/> when unknown.</summary>
    public string? ActualPath { get; }
}
