using Flireo.Tools.Async;
using Flireo.Tools.Testing;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>Runs the store contract of Flireo.Tools.Testing against the SQLite store: every store of a check shares one file.</summary>
public sealed class SqliteToolWorkStoreSpecificationTests : ToolWorkStoreSpecification, IDisposable
{
    private readonly TestDirectory _directory = new();

    public static TheoryData<string> AllChecks => [.. Checks];

    protected override TimeSpan LeaseDuration => TimeSpan.FromMinutes(1);

    [Theory]
    [MemberData(nameof(AllChecks))]
    public Task Store_Check_MeetsTheContract(string check) => RunAsync(check);

    public void Dispose() => _directory.Dispose();

    protected override ValueTask<IToolWorkLeaseStore> CreateStoreAsync() => ValueTask.FromResult<IToolWorkLeaseStore>(new SqliteToolWorkStore(
        Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path, LeaseDuration = LeaseDuration }),
        Time));
}
