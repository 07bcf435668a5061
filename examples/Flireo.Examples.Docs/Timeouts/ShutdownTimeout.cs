namespace Flireo.Examples.Docs.Timeouts;

/// <summary>Gives acknowledged async calls time to finish when the app stops, as the timeouts page shows.</summary>
public static class ShutdownTimeout
{
    public static WebApplicationBuilder WithDrainTime(this WebApplicationBuilder builder)
    {
        #region shutdown-timeout
        // The async queue drains for up to Flireo:AsyncTools:ShutdownTimeout (30 s by default);
        // the host must wait longer than that, or it stops first.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(45));
        #endregion
        return builder;
    }
}
