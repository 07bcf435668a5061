using Flireo.Tools;
using Flireo.Tools.Async;
using Flireo.Tools.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite work queue on an <see cref="IFlireoToolsBuilder"/>.</summary>
public static class SqliteFlireoToolsBuilderExtensions
{
    /// <summary>Stores acknowledged async tool calls in a SQLite file, so they run after a crash or restart, instead of in memory.</summary>
    /// <param name="builder">The builder returned by <c>AddFlireoTools</c>.</param>
    /// <param name="configure">Changes options after binding from the <c>Flireo:Sqlite</c> configuration section, or <see langword="null"/>.</param>
    /// <returns>The same builder instance.</returns>
    /// <remarks>
    /// Registers a <see cref="SqliteToolWorkStore"/> with <c>AddToolWorkStore</c>: it replaces the in-process queue, and a
    /// processor runs the stored calls with the retry, concurrency and drain settings of <see cref="AsyncToolOptions"/>. The
    /// file is opened in the background after the host started (or by the first async call): new async calls wait for it, and a file that cannot be opened
    /// (the folder cannot be written, the file is not a queue database) stops the host with a Critical log naming it. Calls that fail for good are kept as
    /// dead letters: resolve <see cref="IToolWorkDeadLetterStore"/> (or open a <see cref="SqliteToolWorkStore"/> on the file)
    /// to list, retry or delete them. Calling it again only applies <paramref name="configure"/>.
    /// </remarks>
    public static IFlireoToolsBuilder AddSqliteToolWorkQueue(this IFlireoToolsBuilder builder, Action<SqliteToolWorkQueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(static d => d.ServiceType == typeof(SqliteToolWorkStore)))
        {
            services.AddOptions<SqliteToolWorkQueueOptions>()
                .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(SqliteToolWorkQueueOptions.SectionName).Bind(options))
                .Validate(static o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Flireo:Sqlite:DataDirectory must name a folder.")
                .Validate(static o => !string.IsNullOrWhiteSpace(o.FileName), "Flireo:Sqlite:FileName must name a file.")
                .Validate(static o => o.LeaseDuration >= TimeSpan.FromMilliseconds(30), "Flireo:Sqlite:LeaseDuration must be at least 30 milliseconds.")
                .Validate(static o => o.PollInterval > TimeSpan.Zero, "Flireo:Sqlite:PollInterval must be positive.")
                .Validate(static o => o.CompletedRetention >= TimeSpan.Zero, "Flireo:Sqlite:CompletedRetention must not be negative.")
                .ValidateOnStart();
            // Opened in the background when the host starts (the processor asks for it), not when the container builds it.
            builder.AddToolWorkStore(static provider => new SqliteToolWorkStore(
                provider.GetRequiredService<IOptions<SqliteToolWorkQueueOptions>>(),
                provider.GetService<TimeProvider>(),
                provider.GetService<ILogger<SqliteToolWorkStore>>(),
                openNow: false));
            services.AddOptions<ToolWorkStoreOptions>().Configure<IOptions<SqliteToolWorkQueueOptions>>(static (processor, sqlite) =>
            {
                processor.PollInterval = sqlite.Value.PollInterval;
                processor.LeaseRenewInterval = sqlite.Value.LeaseDuration / 3;
                processor.MaintenanceInterval = MaintenanceInterval(sqlite.Value.CompletedRetention);
            });
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    // Prune about ten times per retention period, at most once a minute.
    private static TimeSpan MaintenanceInterval(TimeSpan retention) =>
        retention / 10 > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : retention / 10;
}
