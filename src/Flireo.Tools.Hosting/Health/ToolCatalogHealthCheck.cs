using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flireo.Tools.Hosting.Health;

/// <summary>Reports ready when the tool catalog is built and holds at least one tool.</summary>
internal sealed class ToolCatalogHealthCheck(ToolCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.Tools.Count > 0
            ? HealthCheckResult.Healthy($"{catalog.Tools.Count} tools")
            : HealthCheckResult.Unhealthy("No tools are registered."));
}
