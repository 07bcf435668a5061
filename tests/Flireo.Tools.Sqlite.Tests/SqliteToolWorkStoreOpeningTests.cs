using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>The registered store opens its file in the background when the host starts; new calls wait for it, and a file that cannot be opened stops the host.</summary>
public sealed class SqliteToolWorkStoreOpeningTests : IDisposable
{
    private const int StoreOpenFailedEvent = 2025;

    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddSqliteToolWorkQueue_ResolvedBeforeTheStart_CreatesTheFileOnlyOnceTheHostStarts()
    {
        using var host = SqliteHost.Build(_directory.Path);
        var store = host.Services.GetRequiredService<SqliteToolWorkStore>();
        _ = host.Services.GetRequiredService<ToolRouter>();
        var createdBeforeTheStart = Directory.Exists(_directory.Path);

        await host.StartAsync();
        await ((IToolWorkLeaseStore)store).OpenAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout.Value);
        await host.StopAsync();

        createdBeforeTheStart.Should().BeFalse("building the container and the router must not touch the disk");
        File.Exists(store.DatabasePath).Should().BeTrue();
        store.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task Enqueue_WhileAnotherConnectionLocksTheFile_WaitsForTheOpenThenIsStored()
    {
        Directory.CreateDirectory(_directory.Path);
        var path = Path.Combine(_directory.Path, "flireo-tools-work.db");
        await using var locker = new SqliteConnection($"Data Source={path};Pooling=False");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            // A rollback-journal file under an exclusive lock: the store cannot even read its schema until it is released.
            begin.CommandText = "BEGIN EXCLUSIVE; CREATE TABLE held (id INTEGER);";
            await begin.ExecuteNonQueryAsync();
        }

        using var host = SqliteHost.Build(_directory.Path);
        await host.StartAsync();
        var store = host.Services.GetRequiredService<SqliteToolWorkStore>();
        var offered = host.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None).AsTask();
        var waiting = !offered.IsCompleted && !store.IsOpen;

        await using (var commit = locker.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        }

        await locker.CloseAsync();
        var result = await offered.WaitAsync(TestTimeout.Value);
        await host.StopAsync();

        waiting.Should().BeTrue();
        result.Should().Be(ToolWorkEnqueueResult.Accepted);
        store.IsOpen.Should().BeTrue();
        SqliteFiles.Scalar(path, "SELECT COUNT(*) FROM work_items WHERE tool_call_id = 't1'").Should().Be(1);
    }

    [Fact]
    public async Task Start_DataDirectoryUnderAFile_StopsTheHostRefusesAsyncCallsAndNamesTheFile()
    {
        Directory.CreateDirectory(_directory.Path);
        var occupied = Path.Combine(_directory.Path, "occupied");
        await File.WriteAllTextAsync(occupied, "a file where the data folder should be");
        var dataDirectory = Path.Combine(occupied, "data");
        var logs = new LogProbe();
        using var host = SqliteHost.Build(dataDirectory, logs: logs);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);

        await host.StartAsync();
        await stopping.Task.WaitAsync(TestTimeout.Value);
        var result = await host.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        var open = () => ((IToolWorkLeaseStore)host.Services.GetRequiredService<SqliteToolWorkStore>()).OpenAsync(CancellationToken.None).AsTask();
        await host.StopAsync();

        result.Should().Be(ToolWorkEnqueueResult.Rejected);
        logs.Events.Should().ContainSingle(e => e.EventId == StoreOpenFailedEvent).Which.Level.Should().Be(LogLevel.Critical);
        (await open.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().StartWith($"Cannot open the async work database '{Path.Combine(dataDirectory, "flireo-tools-work.db")}': ");
    }

    [Fact]
    public void Constructor_FileThatIsNotADatabase_ThrowsNamingTheFile()
    {
        Directory.CreateDirectory(_directory.Path);
        var path = Path.Combine(_directory.Path, "flireo-tools-work.db");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 251))]);

        var act = () => new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path }));

        act.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Be($"Cannot open the async work database '{path}': SQLite Error 26: 'file is not a database'.");
    }
}
