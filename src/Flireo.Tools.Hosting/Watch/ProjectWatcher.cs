using System.Threading.Channels;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Watches a project's folder and reports a change once the files have been quiet for a moment.</summary>
/// <remarks>
/// Every file under the folder counts (sources, the project file, content files), except what builds and tools write:
/// <c>bin/</c>, <c>obj/</c> and folders whose name starts with a dot (<c>.git</c>, <c>.vs</c>, <c>.idea</c>).
/// </remarks>
internal sealed class ProjectWatcher : IDisposable
{
    private readonly string _folder;
    private readonly FileSystemWatcher _watcher;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeSpan _quiet;

    public ProjectWatcher(string folder, TimeSpan quiet)
    {
        _folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        _quiet = quiet;
        _watcher = new FileSystemWatcher(_folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnRenamed;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Waits for the next change and then until no file has changed for the quiet period.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when a rebuild is due.</returns>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        await _changes.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            await Task.Delay(_quiet, cancellationToken).ConfigureAwait(false);
        }
        while (_changes.Reader.TryRead(out _));
    }

    /// <summary>Tells whether a changed path counts: not under <c>bin/</c>, <c>obj/</c> or a dot folder of the project.</summary>
    /// <param name="folder">The project folder.</param>
    /// <param name="path">The changed path.</param>
    /// <returns><see langword="true"/> when the change should trigger a rebuild.</returns>
    internal static bool Counts(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] == "..")
        {
            return false;
        }

        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i].StartsWith('.') || (i == 0 && (parts[i].Equals("bin", StringComparison.OrdinalIgnoreCase) || parts[i].Equals("obj", StringComparison.OrdinalIgnoreCase))))
            {
                return false;
            }
        }

        var name = parts[^1];
        return !(parts.Length == 1 && (name.Equals("bin", StringComparison.OrdinalIgnoreCase) || name.Equals("obj", StringComparison.OrdinalIgnoreCase)));
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _changes.Writer.TryComplete();
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (Counts(_folder, e.FullPath))
        {
            _changes.Writer.TryWrite(true);
        }
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (Counts(_folder, e.FullPath) || Counts(_folder, e.OldFullPath))
        {
            _changes.Writer.TryWrite(true);
        }
    }
}
