using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Redis.Tests;

/// <summary>Builds a host ("a server") with Flireo.Tools on the Redis queue.</summary>
internal static class RedisHost
{
    public static IHost Build(string connectionString, string keyPrefix, IToolWorkRunner runner, LogProbe? logs = null, Action<AsyncToolOptions>? async = null, TimeSpan? claimTimeout = null) =>
        DurableQueueHost.Build<NoteTools>(
            tools => tools.AddRedisToolWorkQueue(o =>
            {
                o.ConnectionString = connectionString;
                o.KeyPrefix = keyPrefix;
                o.PollInterval = TimeSpan.FromMilliseconds(20);
                o.ClaimTimeout = claimTimeout ?? TimeSpan.FromSeconds(30);
            }),
            runner,
            logs,
            LogLevel.Debug,
            async);

    /// <summary>A tool class so the catalog is not empty; the tests replace the runner.</summary>
    internal sealed class NoteTools
    {
        [FlireoTool("take_note", Async = true)]
        public static Task TakeNoteAsync(string text) => Task.CompletedTask;
    }
}
