using System.Text.Json.Nodes;

namespace Flireo.Tools.Cli.Deploy;

/// <summary>What the code says an assistant should have: its webhook tools, built-ins, webhook settings and analysis plan.</summary>
internal sealed class DesiredAssistant
{
    /// <summary>Gets the webhook tools in the flat shape, ordered by name.</summary>
    public required IReadOnlyList<JsonObject> Tools { get; init; }

    /// <summary>Gets the built-in tools (<c>end_call</c>, <c>transfer_call</c>) the assembly declares.</summary>
    public IReadOnlyList<JsonObject> BuiltIns { get; init; } = [];

    /// <summary>Gets the webhook host (<c>--base-url</c>, no trailing slash): webhook tools whose url starts with it are managed.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Gets a value indicating whether managed tools no longer in the code are removed.</summary>
    public bool Prune { get; init; }

    /// <summary>Gets the <c>webhook_url</c> to set, or <see langword="null"/> to leave it.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Gets the <c>webhook_events</c> to set, or <see langword="null"/> to leave them.</summary>
    public IReadOnlyList<string>? WebhookEvents { get; init; }

    /// <summary>Gets the analysis schema to set as <c>analysis_plan.structured_data_plan.schema</c>, or <see langword="null"/> to leave the plan.</summary>
    public JsonObject? AnalysisSchema { get; init; }

    /// <summary>Gets the name of the type the analysis schema was made from, for the output.</summary>
    public string? AnalysisType { get; init; }
}
