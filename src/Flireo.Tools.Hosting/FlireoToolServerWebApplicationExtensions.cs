using System.Diagnostics;
using Flireo.Tools;
using Flireo.Tools.Hosting;
using Flireo.Tools.Hosting.Development;
using Flireo.Tools.Hosting.Health;
using Flireo.Tools.Hosting.Logging;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the self-hosted Flireo tool server's endpoints on a <see cref="WebApplication"/>.</summary>
public static class FlireoToolServerWebApplicationExtensions
{
    /// <summary>Checks the tools and maps the server's endpoints: the webhook (<c>Flireo:Server:Path</c>, default <c>/flireo</c>), <c>/healthz</c>, <c>/readyz</c> and, when enabled, MCP on <c>/mcp</c>.</summary>
    /// <remarks>
    /// Call it after the app's own middleware (authentication, rate limiting, CORS): it adds the request log (with
    /// <see cref="FlireoToolServerOptions.ConsoleLogging"/>) and the request-timeout middleware (when
    /// <c>Flireo:Server:RequestTimeout</c> is set) at this point of the pipeline. Outside Development the app refuses to
    /// start when a tool speaks into the call and no <c>Flireo:Api:Key</c> is set. In Development the banner is written
    /// once the app listens.
    /// </remarks>
    /// <param name="app">The application built from a builder on which <c>AddFlireoToolServer</c> was called.</param>
    /// <returns>The same application instance.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFlireoToolServer</c> was not called.</exception>
    /// <exception cref="FlireoToolsConfigurationException">A tool is invalid, or a speaking tool has no API key outside Development.</exception>
    /// <exception cref="OptionsValidationException">The Flireo options are invalid.</exception>
    public static WebApplication MapFlireoToolServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var setup = app.Services.GetService<ServerSetup>()
            ?? throw new InvalidOperationException("MapFlireoToolServer needs builder.AddFlireoToolServer() before builder.Build().");
        var server = setup.Server;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Flireo.Tools.Server");

        // Build the catalog and validate the options now, so bad tools stop the process with one clear message.
        _ = app.Services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        var catalog = app.Services.GetRequiredService<ToolCatalog>();
        CheckApiKey(app, catalog);

        if (server.RequestLogging && setup.Options.ConsoleLogging)
        {
            app.UseServerRequestLogging("/healthz", "/readyz");
        }

        if (server.RequestTimeout is not null)
        {
            app.UseRequestTimeouts();
        }

        // Counts tell an anonymous caller how busy the server is: outside Development only the status, unless asked for.
        Func<HttpContext, HealthReport, Task> writeHealth = server.HealthDetails || app.Environment.IsDevelopment() ? HealthResponseWriter.WriteDetailedAsync : HealthResponseWriter.WriteStatusAsync;
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ServerSetup.LiveTag), ResponseWriter = writeHealth }).DisableRequestTimeout();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ServerSetup.ReadyTag), ResponseWriter = writeHealth }).DisableRequestTimeout();
        app.MapFlireoWebhooks(setup.WebhookPath);
        if (setup.McpEnabled)
        {
            // Each MCP call is bounded by its own deadline (at most 60 s); a session's GET stream stays open by design.
            app.MapFlireoMcp(ServerSetup.McpPath).DisableRequestTimeout();
        }

        if (setup.DashboardEnabled)
        {
            // Try-it waits for the tool like a webhook does; the tool's own deadline bounds it, not the request timeout.
            app.MapFlireoDashboard(ServerSetup.DashboardPath).DisableRequestTimeout();
        }

        LogSetup(logger, setup, catalog);
        TrackShutdown(app, logger, setup.Flireo.AsyncTools.ShutdownTimeout);
        if (setup.Options.DevelopmentBanner && app.Environment.IsDevelopment())
        {
            var time = app.Services.GetService<TimeProvider>() ?? TimeProvider.System;
            app.Lifetime.ApplicationStarted.Register(() => DevelopmentBanner.Write(
                setup.Options.Output, app.Urls, setup.WebhookPath, setup.McpEnabled ? ServerSetup.McpPath : null, catalog, setup.Secret, setup.SecretWasGenerated, time.GetUtcNow()));
        }

        return app;
    }

    private static void LogSetup(ILogger logger, ServerSetup setup, ToolCatalog catalog)
    {
        foreach (var plugin in setup.Plugins)
        {
            ServerLog.PluginLoaded(logger, plugin.Path, plugin.ToolTypes.Count, plugin.StartupTypes.Count);
        }

        switch (setup.Queue.Kind)
        {
            case ServerQueue.Sqlite:
                ServerLog.SqliteQueue(logger, setup.Queue.Location!);
                break;
            case ServerQueue.Redis:
                ServerLog.RedisQueue(logger);
                break;
            default:
                ServerLog.MemoryQueue(logger);
                break;
        }

        ServerLog.Serving(logger, catalog.Tools.Count, setup.WebhookPath, string.Join(", ", catalog.Tools.Select(t => t.Name)));
        var undescribed = catalog.Tools.Where(static t => string.IsNullOrWhiteSpace(t.Description)).Select(static t => t.Name).ToList();
        if (undescribed.Count > 0)
        {
            // Not a startup refusal: the definitions are exported, not served, and a running assistant keeps working.
            ServerLog.ToolsWithoutDescription(logger, undescribed.Count, string.Join(", ", undescribed));
        }

        if (setup.SecretWasGenerated)
        {
            ServerLog.DevelopmentSecretGenerated(logger);
        }
        else if (setup.Secret is null)
        {
            ServerLog.UnsignedRequestsAllowed(logger, setup.WebhookPath);
        }

        if (setup.OtlpEndpoint is not null)
        {
            ServerLog.OtlpEnabled(logger, setup.OtlpEndpoint);
        }
    }

    /// <summary>Refuses to start outside Development when a tool speaks into the call (announces or hands off) and no API key is set; the key itself is never written anywhere.</summary>
    private static void CheckApiKey(WebApplication app, ToolCatalog catalog)
    {
        if (app.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.Api.Key))
        {
            return;
        }

        var speaking = catalog.Tools.Where(static t => t.AnnounceResult || t.HandOffAfter is not null).Select(static t => t.Name).ToList();
        if (speaking.Count > 0)
        {
            throw new FlireoToolsConfigurationException($"No Flireo API key configured, but these tools speak into the call (AnnounceResult or HandOffAfterSeconds) through the Call Control API: {string.Join(", ", speaking)}. Set Flireo__Api__Key (Flireo:Api:Key, from the dashboard's Settings › API Keys). Environment: {app.Environment.EnvironmentName}.");
        }
    }

    private static void TrackShutdown(WebApplication app, ILogger logger, TimeSpan drainTimeout)
    {
        var lifetime = app.Lifetime;
        long stopping = 0;
        lifetime.ApplicationStopping.Register(() =>
        {
            stopping = Stopwatch.GetTimestamp();
            ServerLog.ShutdownRequested(logger, drainTimeout);
        });
        lifetime.ApplicationStopped.Register(() => ServerLog.Stopped(logger, stopping == 0 ? 0 : Stopwatch.GetElapsedTime(stopping).TotalMilliseconds));
    }
}
