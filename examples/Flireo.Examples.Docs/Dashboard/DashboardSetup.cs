using Microsoft.AspNetCore.Authentication.Cookies;

namespace Flireo.Examples.Docs.Dashboard;

/// <summary>Maps the dashboard beside the webhook, as the "Dashboard" page shows.</summary>
public static class DashboardSetup
{
    public static WebApplication Create(string[] args)
    {
        #region dashboard-setup
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddFlireoTools().AddTools<OpeningHoursTools>();
        builder.Services.AddFlireoDashboard();

        var app = builder.Build();
        app.MapFlireoWebhooks("/flireo");
        app.MapFlireoDashboard("/flireo/dashboard");
        #endregion
        return app;
    }

    public static WebApplication CreateProtected(string[] args)
    {
        #region dashboard-authorization
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddFlireoTools().AddTools<OpeningHoursTools>();
        builder.Services.AddFlireoDashboard();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("ToolAdmins", policy => policy.RequireRole("tool-admin"));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapFlireoWebhooks("/flireo");
        app.MapFlireoDashboard("/flireo/dashboard").RequireAuthorization("ToolAdmins");
        #endregion
        return app;
    }
}
