using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>A call stored by an earlier version (the raw webhook message in <c>message_json</c>) runs with the context a new one gets.</summary>
public sealed class SqliteStoredContextTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_CallStoredByTheEarlierVersion_HasTheSameContextAsANewCall()
    {
        using var host = DurableQueueHost.Build<StoredContexts.ContextTools>(
            tools => tools.AddSqliteToolWorkQueue(o =>
            {
                o.DataDirectory = _directory.Path;
                o.PollInterval = TimeSpan.FromMilliseconds(50);
            }),
            runner: null,
            logs: null,
            LogLevel.None,
            services: s => s.AddSingleton<StoredContexts.Probe>());
        await host.StartAsync();
        var probe = host.Services.GetRequiredService<StoredContexts.Probe>();
        using var webhook = StoredContexts.Webhook();

        await host.Services.GetRequiredService<ToolRouter>().RouteAsync(webhook, CancellationToken.None);
        var current = await probe.Contexts.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);

        // What the earlier version wrote: the same columns, with the raw webhook message in message_json.
        var old = new ToolWorkItem
        {
            ToolName = "capture_context",
            ToolCallId = "t-old",
            CallId = webhook.CallId,
            ArgumentsJson = """{"text":"hi"}""",
            ContextJson = webhook.Root.GetRawText(),
            Casing = webhook.Casing,
            EnqueuedAt = DateTimeOffset.UtcNow,
        };
        (await host.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(old, CancellationToken.None)).Should().Be(ToolWorkEnqueueResult.Accepted);
        var stored = await probe.Contexts.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        await host.StopAsync();

        current.ToolCallId.Should().Be("t-new");
        stored.ToolCallId.Should().Be("t-old");
        StoredContexts.Describe(stored).Should().Be(StoredContexts.Describe(current));
        stored.IsBackground.Should().BeTrue();
        current.McpSessionId.Should().Be("session-9");
        current.PhoneNumber!.Name.Should().Be("Front desk");
    }
}
