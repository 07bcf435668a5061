using System.Threading.RateLimiting;

namespace Flireo.Examples.Docs.Deploying;

/// <summary>Embeds the self-hosted server in a team's own app, with their middleware around it, as the deploying page shows.</summary>
public static class EmbeddedServer
{
    public static WebApplication Create(string[] args)
    {
        #region embedded-server
        var builder = WebApplication.CreateBuilder(args);
        // Flireo:Server:*, Flireo:* and Flireo:Mcp:Enabled are read as by Flireo.Tools.Server.
        builder.AddFlireoToolServer(server => server.ToolSources.Add("tools/MyTools.dll"));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ =>
                RateLimitPartition.GetFixedWindowLimiter("all", _ => new FixedWindowRateLimiterOptions { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) }));
        });

        var app = builder.Build();
        app.UseRateLimiter();       // your middleware runs before the server's endpoints
        app.MapFlireoToolServer();  // the webhook, /healthz, /readyz and (when enabled) /mcp
        app.MapGet("/version", () => typeof(EmbeddedServer).Assembly.GetName().Version?.ToString());
        #endregion
        return app;
    }
}
