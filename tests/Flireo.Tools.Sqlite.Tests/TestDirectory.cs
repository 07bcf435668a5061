namespace Flireo.Tools.Sqlite.Tests;

/// <summary>A fresh folder under the temp directory for one test's database, deleted afterwards.</summary>
internal sealed class TestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flireo-sqlite-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // Pooled connections keep the file open; clear them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
