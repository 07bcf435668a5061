using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>Builds a host with Flireo.Tools on the SQLite queue in a given folder.</summary>
internal static class SqliteHost
{
    public static IHost Build(
        string dataDirectory,
        IToolWorkRunner? runner = null,
        LogProbe? logs = null,
        Action<AsyncToolOptions>? async = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        if (runner is not null)
        {
            builder.Services.AddSingleton(runner);
        }

        builder.Services.AddSingleton<SmsProbe>();
        services?.Invoke(builder.Services);
        builder.Services
            .AddFlireoTools(o =>
            {
                o.WebhookSecret = "test-secret";
                o.AsyncTools.RetryDelay = TimeSpan.Zero;
                async?.Invoke(o.AsyncTools);
            })
            .AddTools<SmsTools>()
            .AddSqliteToolWorkQueue(o =>
            {
                o.DataDirectory = dataDirectory;
                o.PollInterval = TimeSpan.FromMilliseconds(50);
            });
        return builder.Build();
    }
}
