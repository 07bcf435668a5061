namespace Flireo.Tools.Dashboard;

/// <summary>A copy of one recent call for a page.</summary>
internal sealed record RecentCallView(DateTimeOffset At, string? CallId, string ToolCallId, string ToolName, string Outcome, string? Detail, TimeSpan? Duration, string? Arguments, string? Result);
