namespace Flireo.Tools.Cli.Deploy;

/// <summary>Specifies what a push does to one tool of the assistant.</summary>
internal enum ToolChangeKind
{
    /// <summary>The code has it and the assistant does not: it is appended.</summary>
    Added,

    /// <summary>Both have it and they differ: the code's replaces the assistant's in its place.</summary>
    Changed,

    /// <summary>A managed tool no longer in the code, removed because of <c>--prune</c> (or a duplicate of a managed name).</summary>
    Removed,

    /// <summary>Both have it and they agree.</summary>
    InStep,

    /// <summary>A managed tool no longer in the code, kept because <c>--prune</c> was not given.</summary>
    Stale,

    /// <summary>A tool the code does not manage (another server's webhook tool, an MCP tool, an undeclared built-in), kept in its place.</summary>
    Unmanaged,
}
