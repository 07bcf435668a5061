namespace Flireo.Examples.Docs.Tests.Markdown;

/// <summary>A link or image target on a page.</summary>
/// <param name="Target">The target as written, such as <c>security.md#status-codes</c>.</param>
/// <param name="Line">The 1-based line of the link.</param>
internal sealed record Link(string Target, int Line)
{
    /// <summary>Gets a value indicating whether the target is another site or a mail address rather than a file of the repository.</summary>
    public bool IsExternal => Target.Contains("://", StringComparison.Ordinal) || Target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
}
