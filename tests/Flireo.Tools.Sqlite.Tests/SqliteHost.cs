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
        Action<IServiceCollection>? services = null) =>
        DurableQueueHost.Build<SmsTools>(
            tools => tools.AddSqliteToolWorkQueue(o =>
            {
                o.DataDirectory = dataDirectory;
                o.PollInterval = TimeSpan.FromMilliseconds(50);
            }),
            runner,
            logs,
            LogLevel.Trace,
            async,
            s =>
            {
                s.AddSingleton<SmsProbe>();
                services?.Invoke(s);
            });
}
