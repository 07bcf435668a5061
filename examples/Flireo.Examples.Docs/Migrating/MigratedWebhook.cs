using Flireo.Examples.Docs.WritingTools;

namespace Flireo.Examples.Docs.Migrating;

/// <summary>The same endpoint after the migration: the tool class does the work, Flireo.Tools the protocol.</summary>
public static class MigratedWebhook
{
    public static WebApplication Create(string[] args)
    {
        #region migrating-after
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<IAppointmentBook, InMemoryAppointmentBook>();
        builder.Services.AddFlireoTools()
            .AddTools<AppointmentTools>();

        var app = builder.Build();
        app.MapFlireoWebhooks("/webhooks/flireo");
        #endregion
        return app;
    }
}
