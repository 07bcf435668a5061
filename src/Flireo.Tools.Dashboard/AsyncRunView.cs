namespace Flireo.Tools.Dashboard;

/// <summary>One async run: running (no status yet) or finished.</summary>
internal sealed record AsyncRunView(string ToolName, string ToolCallId, string? CallId, string Key, int Attempt, DateTimeOffset StartedAt, string? Status, string? Error, TimeSpan? Duration);
