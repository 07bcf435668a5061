using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Tests.Shared;

/// <summary>Builds a host ("a server") with Flireo.Tools on a durable queue, for the SQLite and Redis queue tests.</summary>
internal static class DurableQueueHost
{
    /// <summary>Builds the host: no retry delay, the webhook secret <c>test-secret</c>, and the queue <paramref name="addQueue"/> adds.</summary>
    /// <typeparam name="TTools">The tool class of the catalog.</typeparam>
    /// <param name="addQueue">Adds the durable queue (<c>AddSqliteToolWorkQueue</c>, <c>AddRedisToolWorkQueue</c>).</param>
    /// <param name="runner">Replaces the core's runner, or <see langword="null"/> to keep it.</param>
    /// <param name="logs">Records the host's logs at <paramref name="minimumLevel"/> and above, or <see langword="null"/> for none.</param>
    /// <param name="minimumLevel">The lowest level <paramref name="logs"/> records.</param>
    /// <param name="async">Changes the async tool options.</param>
    /// <param name="services">Adds services before Flireo.Tools.</param>
    public static IHost Build<TTools>(
        Action<IFlireoToolsBuilder> addQueue,
        IToolWorkRunner? runner,
        LogProbe? logs,
        LogLevel minimumLevel,
        Action<AsyncToolOptions>? async = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(minimumLevel);
        }

        if (runner is not null)
        {
            builder.Services.AddSingleton(runner);
        }

        services?.Invoke(builder.Services);
        var tools = builder.Services
            .AddFlireoTools(o =>
            {
                o.WebhookSecret = "test-secret";
                o.AsyncTools.RetryDelay = TimeSpan.Zero;
                async?.Invoke(o.AsyncTools);
            })
            .AddTools<TTools>();
        addQueue(tools);
        return builder.Build();
    }
}
