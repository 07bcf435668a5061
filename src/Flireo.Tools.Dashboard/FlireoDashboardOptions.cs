namespace Flireo.Tools.Dashboard;

/// <summary>Configures the dashboard of <c>MapFlireoDashboard</c>; bound from the <c>Flireo:Dashboard</c> configuration section.</summary>
public sealed class FlireoDashboardOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Flireo:Dashboard";

    /// <summary>The most recent calls the dashboard can be set to keep.</summary>
    internal const int MaxRecentCalls = 10_000;

    /// <summary>The number of recent calls kept when <see cref="RecentCalls"/> is not set, outside Production.</summary>
    internal const int DefaultRecentCalls = 200;

    /// <summary>Gets or sets how many recent tool calls the dashboard keeps in memory (0 to 10,000); by default 200, and none in Production.</summary>
    /// <remarks>
    /// <see langword="null"/> keeps the last 200 calls, except in the Production environment, where no calls are recorded
    /// unless a number is set. The oldest call is dropped when the list is full. Each entry holds the time, call id, tool
    /// call id, tool, outcome and duration; arguments and results only with <see cref="ShowPayloads"/>.
    /// </remarks>
    public int? RecentCalls { get; set; }

    /// <summary>Gets or sets a value indicating whether the arguments and results of recent calls are kept and shown. Default <see langword="false"/>.</summary>
    /// <remarks>
    /// They are what callers said and what tools answered: personal data. Off, they are never copied out of the call.
    /// The try-it form always shows its own answer.
    /// </remarks>
    public bool ShowPayloads { get; set; }

    /// <summary>Gets or sets a value indicating whether the dashboard may be mapped without authorization outside Development. Default <see langword="false"/>.</summary>
    /// <remarks>
    /// The dashboard runs tools and retries or deletes async work. Outside Development, <c>MapFlireoDashboard</c> stops the
    /// app at startup unless <c>.RequireAuthorization()</c> is applied to the builder it returns, or this is
    /// <see langword="true"/> (for a dashboard reachable only from a trusted network).
    /// </remarks>
    public bool AllowAnonymous { get; set; }
}
