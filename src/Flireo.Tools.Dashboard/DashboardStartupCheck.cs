using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Dashboard;

/// <summary>Stops the app before it serves requests when a dashboard is mapped without authorization outside Development.</summary>
/// <remarks>
/// Runs in <see cref="IHostedLifecycleService.StartingAsync"/>, before any hosted service (the web server included) starts,
/// and after <c>Program.cs</c> applied its conventions, so <c>.RequireAuthorization()</c> on the returned builder counts.
/// </remarks>
internal sealed class DashboardStartupCheck(DashboardMappings mappings, IOptions<FlireoDashboardOptions> options, ILogger<DashboardStartupCheck> logger, IHostEnvironment? environment = null) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var mapping in mappings.All())
        {
            if (IsProtected(mapping))
            {
                continue;
            }

            if (environment?.IsDevelopment() == true)
            {
                DashboardLog.OpenInDevelopment(logger, mapping.Pattern);
            }
            else if (options.Value.AllowAnonymous)
            {
                DashboardLog.OpenByConfiguration(logger, mapping.Pattern);
            }
            else
            {
                throw new InvalidOperationException(
                    "The Flireo dashboard on " + mapping.Pattern + " requires no authorization, so anyone could run tools and retry or delete async work. "
                    + "Apply .RequireAuthorization() to the builder MapFlireoDashboard returns (for example app.MapFlireoDashboard(\"" + mapping.Pattern + "\").RequireAuthorization(\"Admins\")), "
                    + "or set Flireo:Dashboard:AllowAnonymous to true for a dashboard reachable only from a trusted network. "
                    + "Only the Development environment serves it without either.");
            }
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Tells whether every endpoint of the mapping requires an authorized user.</summary>
    internal static bool IsProtected(DashboardMapping mapping)
    {
        var found = false;
        foreach (var source in mapping.Endpoints.DataSources)
        {
            foreach (var endpoint in source.Endpoints)
            {
                if (!ReferenceEquals(endpoint.Metadata.GetMetadata<DashboardEndpointMarker>(), mapping.Marker))
                {
                    continue;
                }

                found = true;
                var metadata = endpoint.Metadata;
                var requires = metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 || metadata.GetMetadata<AuthorizationPolicy>() is not null;
                if (!requires || metadata.GetMetadata<IAllowAnonymous>() is not null)
                {
                    return false;
                }
            }
        }

        return found;
    }
}
