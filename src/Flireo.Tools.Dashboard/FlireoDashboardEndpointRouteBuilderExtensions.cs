using System.Diagnostics.CodeAnalysis;
using Flireo.Tools.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Flireo dashboard.</summary>
public static class FlireoDashboardEndpointRouteBuilderExtensions
{
    /// <summary>Maps the dashboard's pages: tools with a try-it form, recent calls, and async work with dead letters; requires <c>AddFlireoDashboard</c>.</summary>
    /// <param name="endpoints">The endpoint route builder, usually the <see cref="WebApplication"/>.</param>
    /// <param name="pattern">The path of the dashboard, without route parameters; <c>/flireo/dashboard</c> by default.</param>
    /// <returns>A builder for the dashboard's endpoints, to chain conventions such as <c>RequireAuthorization</c>.</returns>
    /// <remarks>
    /// The dashboard runs tools and retries or deletes async work. Outside Development the app refuses to start unless
    /// <c>.RequireAuthorization()</c> is applied to the returned builder or <c>Flireo:Dashboard:AllowAnonymous</c> is
    /// <see langword="true"/>. Its forms carry an anti-forgery token. The try-it form needs <c>MapFlireoWebhooks</c>: it
    /// signs a webhook with the app's secret and sends it through that endpoint in process.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><c>AddFlireoDashboard</c> was not called.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> has route parameters.</exception>
    public static IEndpointConventionBuilder MapFlireoDashboard(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/flireo/dashboard")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        if (RoutePatternFactory.Parse(pattern).Parameters.Count > 0)
        {
            throw new ArgumentException($"The dashboard's pattern must be a plain path such as \"/flireo/dashboard\", without route parameters (got \"{pattern}\").", nameof(pattern));
        }

        var services = endpoints.ServiceProvider;
        var pages = services.GetService<DashboardPages>() ?? throw new InvalidOperationException(
            "MapFlireoDashboard needs the Flireo dashboard services, but they are not registered. "
            + "Call builder.Services.AddFlireoDashboard() before building the app.");
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Flireo.Tools.Dashboard") ?? NullLogger.Instance;

        var marker = new DashboardEndpointMarker();
        var group = endpoints.MapGroup(pattern);
        group.MapGet(string.Empty, pages.ToolsAsync).WithDisplayName("Flireo dashboard: tools");
        group.MapGet("/tools/{name}", pages.ToolAsync).WithDisplayName("Flireo dashboard: tool");
        group.MapPost("/tools/{name}", pages.TryToolAsync).WithDisplayName("Flireo dashboard: try a tool");
        group.MapGet("/calls", pages.CallsAsync).WithDisplayName("Flireo dashboard: recent calls");
        group.MapGet("/async", pages.AsyncWorkAsync).WithDisplayName("Flireo dashboard: async work");
        group.MapPost("/async/retry", pages.RetryAsync).WithDisplayName("Flireo dashboard: retry a dead letter");
        group.MapPost("/async/delete", pages.DeleteAsync).WithDisplayName("Flireo dashboard: delete a dead letter");
        group.WithMetadata(marker).ExcludeFromDescription();
        services.GetRequiredService<DashboardMappings>().Add(new DashboardMapping(pattern, endpoints, marker));
        DashboardLog.Serving(logger, pattern);
        return group;
    }
}
