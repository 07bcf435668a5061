using Flireo.Examples.Docs.WritingTools;

namespace Flireo.Examples.Docs.Timeouts;

/// <summary>Keeps acknowledged async calls in a durable queue, as the timeouts page shows.</summary>
public static class DurableQueues
{
    public static WebApplicationBuilder AddToolsWithSqliteQueue(this WebApplicationBuilder builder)
    {
        #region sqlite-work-queue
        // One server: acknowledged calls are written to a SQLite file before Flireo gets its answer.
        builder.Services.AddFlireoTools()
            .AddTools<AppointmentTools>()
            .AddSqliteToolWorkQueue(options => options.DataDirectory = "/var/lib/practice-tools");
        #endregion
        return builder;
    }

    public static WebApplicationBuilder AddToolsWithRedisQueue(this WebApplicationBuilder builder)
    {
        #region redis-work-queue
        // Several servers: they share one Redis stream; Flireo:Redis:ConnectionString says where it is.
        builder.Services.AddFlireoTools()
            .AddTools<AppointmentTools>()
            .AddRedisToolWorkQueue();
        #endregion
        return builder;
    }
}
