using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flireo.Tools.Hosting.Health;

/// <summary>Reports the server not alive when its async work store could not be opened (the host is stopping then); healthy while it opens and once it is open.</summary>
internal sealed class ToolWorkStoreHealthCheck(ServerQueueOpening opening) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(opening.Failure is not null ? ToolWorkQueueHealthCheck.OpenFailed
            : opening.Task.IsCompleted ? HealthCheckResult.Healthy("The async work store is open.")
            : HealthCheckResult.Healthy("The async work store is opening; async calls wait for it."));
}
