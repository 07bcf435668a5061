using Microsoft.AspNetCore.RateLimiting;

namespace Flireo.Examples.Docs.Security;

/// <summary>Puts a rate limit on the webhook endpoint, as the security page shows.</summary>
public static class RateLimitedEndpoint
{
    public static WebApplication Create(string[] args)
    {
        #region rate-limited-endpoint
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddFlireoTools().AddTools<OpeningHoursTools>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddFixedWindowLimiter("flireo", window =>
            {
                window.PermitLimit = 600;
                window.Window = TimeSpan.FromMinutes(1);
            });
        });

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapFlireoWebhooks("/flireo").RequireRateLimiting("flireo");
        #endregion
        return app;
    }
}
