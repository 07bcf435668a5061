using Flireo.Tools;
using Flireo.Tools.Async;
using Flireo.Tools.DependencyInjection;
using Flireo.Tools.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
    /// Replaces the in-process queue (whose processor then stays idle) and registers a processor that runs the calls with
    /// the retry, concurrency and drain settings of <see cref="AsyncToolOptions"/>. A call runs on one server at a time; a
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
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<RedisWorkSignal>();
            services.AddSingleton(static provider =>
            {
                var options = provider.GetRequiredService<IOptions<RedisToolWorkQueueOptions>>();
                var shared = string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? provider.GetService<IConnectionMultiplexer>() : null;
                return new RedisToolWorkStore(
                    options,
                    shared,
                    provider.GetRequiredService<TimeProvider>(),
                    provider.Logger<RedisToolWorkStore>(),
                    provider.GetRequiredService<RedisWorkSignal>().Signal);
            });
            services.AddSingleton(static provider => new RedisToolWorkQueue(
                provider.GetRequiredService<RedisToolWorkStore>(),
                provider.GetRequiredService<RedisWorkSignal>().Signal,
                provider.GetRequiredService<TimeProvider>(),
                provider.Logger<RedisToolWorkQueue>()));
            services.Replace(ServiceDescriptor.Singleton<IToolWorkQueue>(static provider => provider.GetRequiredService<RedisToolWorkQueue>()));
            services.Replace(ServiceDescriptor.Singleton<IToolWorkQueueStatus>(static provider => provider.GetRequiredService<RedisToolWorkQueue>()));
            services.Replace(ServiceDescriptor.Singleton<IToolWorkDeadLetterStore>(static provider => provider.GetRequiredService<RedisToolWorkStore>()));
            services.AddSingleton<IHostedService>(static provider =>
            {
                var options = provider.GetRequiredService<IOptions<RedisToolWorkQueueOptions>>().Value;
                return new DurableToolWorkProcessor(
                    provider.GetRequiredService<RedisToolWorkStore>(),
                    provider.GetRequiredService<RedisWorkSignal>().Signal,
                    provider.GetRequiredService<IToolWorkRunner>(),
                    provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.AsyncTools,
                    new DurableToolWorkSettings(options.PollInterval, options.ClaimTimeout / 3, options.PollInterval),
                    provider.GetRequiredService<TimeProvider>(),
                    provider.LoggerFactory().CreateLogger("Flireo.Tools.Redis.RedisToolWorkProcessor"));
            });
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }
}
