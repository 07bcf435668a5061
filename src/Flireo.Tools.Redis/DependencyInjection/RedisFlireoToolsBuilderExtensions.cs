using Flireo.Tools;
using Flireo.Tools.Async;
using Flireo.Tools.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis Streams work queue on an <see cref="IFlireoToolsBuilder"/>.</summary>
public static class RedisFlireoToolsBuilderExtensions
{
    /// <summary>Stores acknowledged async tool calls in a Redis stream shared by every server with the same key prefix, instead of in memory.</summary>
    /// <param name="builder">The builder returned by <c>AddFlireoTools</c>.</param>
    /// <param name="configure">Changes options after binding from the <c>Flireo:Redis</c> configuration section, or <see langword="null"/>.</param>
    /// <returns>The same builder instance.</returns>
    /// <remarks>
    /// Registers a <see cref="RedisToolWorkStore"/> with <c>AddToolWorkStore</c>: it replaces the in-process queue, and a
    /// processor runs the calls with the retry, concurrency and drain settings of <see cref="AsyncToolOptions"/>. A call runs on one server at a time; a
    /// server that dies leaves its calls to the others after <see cref="RedisToolWorkQueueOptions.ClaimTimeout"/>. Calls that
    /// fail for good go to a dead-letter stream: resolve <see cref="IToolWorkDeadLetterStore"/> to list, retry or delete them.
    /// Uses a registered <see cref="IConnectionMultiplexer"/> when no connection string is configured. Calling it again only applies <paramref name="configure"/>.
    /// </remarks>
    public static IFlireoToolsBuilder AddRedisToolWorkQueue(this IFlireoToolsBuilder builder, Action<RedisToolWorkQueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(static d => d.ServiceType == typeof(RedisToolWorkStore)))
        {
            services.AddOptions<RedisToolWorkQueueOptions>()
                .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(RedisToolWorkQueueOptions.SectionName).Bind(options))
                .Validate(static o => !string.IsNullOrWhiteSpace(o.KeyPrefix), "Flireo:Redis:KeyPrefix must not be empty.")
                .Validate(static o => o.ClaimTimeout >= TimeSpan.FromMilliseconds(30), "Flireo:Redis:ClaimTimeout must be at least 30 milliseconds.")
                .Validate(static o => o.PollInterval > TimeSpan.Zero, "Flireo:Redis:PollInterval must be positive.")
                .Validate(static o => o.CompletedRetention > TimeSpan.Zero, "Flireo:Redis:CompletedRetention must be positive.")
                .ValidateOnStart();
            builder.AddToolWorkStore(static provider =>
            {
                var options = provider.GetRequiredService<IOptions<RedisToolWorkQueueOptions>>();
                var shared = string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? provider.GetService<IConnectionMultiplexer>() : null;
                return new RedisToolWorkStore(
                    options,
                    shared,
                    provider.GetService<TimeProvider>() ?? TimeProvider.System,
                    (ILogger?)provider.GetService<ILogger<RedisToolWorkStore>>() ?? NullLogger.Instance);
            });
            services.AddOptions<ToolWorkStoreOptions>().Configure<IOptions<RedisToolWorkQueueOptions>>(static (processor, redis) =>
            {
                processor.PollInterval = redis.Value.PollInterval;
                processor.LeaseRenewInterval = redis.Value.ClaimTimeout / 3;
                processor.MaintenanceInterval = redis.Value.PollInterval;
            });
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }
}
