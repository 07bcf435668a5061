using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Flireo.Tools.Hosting.Development;
using Flireo.Tools.Hosting.Loading;
using Flireo.Tools.Mcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Runs <see cref="FlireoToolServerOptions.Watch"/>: serves a tool project, rebuilds it on every change and swaps each build in without dropping calls.</summary>
/// <remarks>
/// <para>
/// A front server owns the user's address and hands each request to the current generation: a full tool-server app over
/// a copy of one build's output, loaded into a collectible load context. After a successful rebuild the next generation
/// starts, new requests go to it, and the old one finishes the requests it took, stops as on shutdown (its async work
/// drains: what it has not claimed stays in the queue store, which the new generation shares) and is unloaded. A failed
/// build prints the compiler errors and the old generation keeps serving.
/// </para>
/// <para>
/// Every generation shares the configuration (the same Development secret, the same queue store and data folder). MCP
/// sessions and the dashboard's recent calls belong to a generation and end with it.
/// </para>
/// </remarks>
internal sealed class WatchServer
{
    private const string Prefix = "watch: ";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan UnloadDeadline = TimeSpan.FromSeconds(30);

    private readonly string _project;
    private readonly string _configuration;
    private readonly string[] _args;
    private readonly FlireoToolServerOptions _options;
    private readonly FrontApplication _front;
    private readonly string _work;
    private readonly List<Task> _retiring = [];
    private IReadOnlyList<string> _addresses = [];
    private Generation? _current;
    private int _last;

    private WatchServer(string project, string configuration, string[] args, FlireoToolServerOptions options, FrontApplication front)
    {
        _project = project;
        _configuration = configuration;
        _args = args;
        _options = options;
        _front = front;
        _work = Directory.CreateTempSubdirectory("flireo-watch-").FullName;
    }

    private string ProjectName => Path.GetFileName(_project);

    /// <summary>Serves the project until stopped, rebuilding and swapping on every change.</summary>
    /// <param name="args">The host's command line.</param>
    /// <param name="options">The server options: one tool source, the project.</param>
    /// <param name="cancellationToken">Stops the server as SIGTERM does.</param>
    /// <returns>The exit code, as <see cref="FlireoToolServer.RunAsync"/>.</returns>
    public static async Task<int> RunAsync(string[] args, FlireoToolServerOptions options, CancellationToken cancellationToken)
    {
        // One Development secret for the run (used only where the server would generate one): a swap must not change it.
        options.DevelopmentSecret ??= DevelopmentSecret.Create();
        var front = new FrontApplication();
        WebApplication frontApp;
        string project;
        try
        {
            project = ResolveProject(options.ToolSources);
            frontApp = CreateFront(args, front);
        }
        catch (Exception ex) when (FlireoToolServer.StartupMessage(ex) is { } message)
        {
            await options.Error.WriteLineAsync(options.ErrorPrefix + message).ConfigureAwait(false);
            return FlireoToolServer.ExitStartupFailed;
        }

        await using (frontApp.ConfigureAwait(false))
        {
            var configuration = frontApp.Configuration[$"{ServerOptions.SectionName}:{nameof(ServerOptions.BuildConfiguration)}"];
            var watch = new WatchServer(project, string.IsNullOrWhiteSpace(configuration) ? "Release" : configuration, args, options, front);
            try
            {
                return await watch.RunAsync(frontApp, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                watch.DeleteWork();
            }
        }
    }

    /// <summary>Finds the one project <c>--watch</c> rebuilds: a project file, or the only one in a folder.</summary>
    /// <param name="sources">The tool sources given.</param>
    /// <returns>The full path of the project file.</returns>
    /// <exception cref="FlireoToolsConfigurationException">Not exactly one source, or it is not a project (a built assembly cannot be rebuilt).</exception>
    internal static string ResolveProject(IEnumerable<string> sources)
    {
        var given = sources.Where(static s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (given.Count != 1)
        {
            throw new FlireoToolsConfigurationException($"--watch rebuilds one tool project: pass --tools path/to/MyTools.csproj (or its folder) once; {given.Count.ToString(CultureInfo.InvariantCulture)} tool sources were given.");
        }

        var path = Path.GetFullPath(given[0].Trim());
        if (Directory.Exists(path))
        {
            var projects = Directory.GetFiles(path, "*.*proj").Where(ToolSourceResolver.IsProjectFile).ToList();
            return projects.Count == 1
                ? projects[0]
                : throw new FlireoToolsConfigurationException(projects.Count == 0
                    ? $"--watch rebuilds a tool project, and the folder '{given[0]}' holds none: pass --tools path/to/MyTools.csproj."
                    : $"--watch rebuilds one tool project, and the folder '{given[0]}' holds several: name one with --tools {Path.Combine(given[0], Path.GetFileName(projects[0]))}.");
        }

        if (!ToolSourceResolver.IsProjectFile(path))
        {
            throw new FlireoToolsConfigurationException($"--watch rebuilds a tool project, and '{given[0]}' is not one: pass --tools path/to/MyTools.csproj (or its folder). A built .dll cannot be rebuilt; serve it without --watch.");
        }

        return File.Exists(path) ? path : throw new FlireoToolsConfigurationException($"Tool project '{given[0]}' was not found.");
    }

    private static WebApplication CreateFront(string[] args, FrontApplication front)
    {
        var builder = FlireoToolServer.CreateBuilder(args);
        builder.Logging.ClearProviders();
        var configuration = builder.Configuration;
        var server = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var flireo = new FlireoToolsOptions();
        configuration.GetSection(FlireoToolsOptions.SectionName).Bind(flireo);
        var mcpEnabled = configuration.GetValue<bool>($"{FlireoMcpOptions.SectionName}:Enabled");

        // The same Kestrel limits and shutdown timeout as the server without --watch: the front owns the connections.
        FlireoToolServerWebApplicationBuilderExtensions.ConfigureLimits(builder, server, flireo, mcpEnabled);
        var kestrel = builder.Services.LastOrDefault(static d => d.ServiceType == typeof(IServer) && d.ImplementationType is not null)
            ?? throw new InvalidOperationException("The host registered no Kestrel server to put in front of the generations.");
        builder.Services.Remove(kestrel);
        builder.Services.AddSingleton<IServer>(services => new FrontServer((IServer)ActivatorUtilities.CreateInstance(services, kestrel.ImplementationType!), front));
        return builder.Build();
    }

    private async Task<int> RunAsync(WebApplication frontApp, CancellationToken cancellationToken)
    {
        // Watched from before the first build: a change made while it builds or starts is rebuilt, not missed.
        var folder = Path.GetDirectoryName(_project)!;
        using var watcher = new ProjectWatcher(folder, Quiet);
        await _options.Error.WriteLineAsync($"Building {ProjectName} ({_configuration}) with 'dotnet build'...").ConfigureAwait(false);
        var build = await ProjectBuilder.TryBuildAsync(_project, _configuration, cancellationToken).ConfigureAwait(false);
        if (build.TargetPath is null)
        {
            await WriteBuildErrorsAsync($"Building '{_project}' failed (dotnet build exited with {build.ExitCode.ToString(CultureInfo.InvariantCulture)}):", build.Errors).ConfigureAwait(false);
            return FlireoToolServer.ExitStartupFailed;
        }

        try
        {
            await frontApp.StartAsync(cancellationToken).ConfigureAwait(false);
            _addresses = [.. frontApp.Urls];
            _current = await StartGenerationAsync(build.TargetPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (FlireoToolServer.StartupMessage(ex) is { } message)
        {
            await _options.Error.WriteLineAsync(_options.ErrorPrefix + message).ConfigureAwait(false);
            return FlireoToolServer.ExitStartupFailed;
        }

        _front.Current = _current.Server;
        await WriteAsync($"serving {ProjectName} at {DevelopmentBanner.LocalUrl(_addresses)} (generation 1, {Count(_current)}); rebuilding on changes under {folder} (bin/ and obj/ ignored)").ConfigureAwait(false);

        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = WatchAsync(watcher, stopWatching.Token);
        await frontApp.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);

        // The front has stopped taking requests and waited for those it had; now the last generation drains and stops.
        await stopWatching.CancelAsync().ConfigureAwait(false);
        await watching.ConfigureAwait(false);
        _front.Current = null;
        _retiring.Add(RetireAsync(_current, reportUnload: false));
        await Task.WhenAll(_retiring).ConfigureAwait(false);
        return FlireoToolServer.ExitOk;
    }

    private async Task WatchAsync(ProjectWatcher watcher, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await watcher.WaitForChangeAsync(cancellationToken).ConfigureAwait(false);
                await RebuildAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var current = _current!;
        var started = Stopwatch.GetTimestamp();
        BuildResult build;
        try
        {
            build = await ProjectBuilder.TryBuildAsync(_project, _configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (FlireoToolsConfigurationException ex)
        {
            await _options.Error.WriteLineAsync($"{_options.ErrorPrefix}{Prefix}{ex.Message} Generation {current.Number.ToString(CultureInfo.InvariantCulture)} keeps serving.").ConfigureAwait(false);
            return;
        }

        if (build.TargetPath is null)
        {
            await WriteBuildErrorsAsync($"{Prefix}building {ProjectName} failed; generation {current.Number.ToString(CultureInfo.InvariantCulture)} keeps serving:", build.Errors).ConfigureAwait(false);
            return;
        }

        if (Fingerprint(Path.GetDirectoryName(build.TargetPath)!) == current.Fingerprint)
        {
            // Nothing the build produces changed (a comment, a file the project does not use): keep the generation.
            return;
        }

        Generation next;
        try
        {
            next = await StartGenerationAsync(build.TargetPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (FlireoToolServer.StartupMessage(ex) is { } message)
        {
            await _options.Error.WriteLineAsync($"{_options.ErrorPrefix}{Prefix}the new build of {ProjectName} does not start: {message} Generation {current.Number.ToString(CultureInfo.InvariantCulture)} keeps serving.").ConfigureAwait(false);
            return;
        }

        _current = next;
        _front.Current = next.Server;
        var (summary, lines) = DefinitionChanges.Describe(current.Definitions, next.Definitions);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        await WriteAsync($"rebuilt {ProjectName} in {seconds} s; generation {next.Number.ToString(CultureInfo.InvariantCulture)} takes new calls ({Count(next)}; {summary})", lines).ConfigureAwait(false);
        _retiring.Add(RetireAsync(current, reportUnload: true));
    }

    private async Task<Generation> StartGenerationAsync(string targetPath, CancellationToken cancellationToken)
    {
        var number = ++_last;
        var folder = Path.Combine(_work, "g" + number.ToString(CultureInfo.InvariantCulture));

        // A copy: the next build rewrites bin/ while this generation runs (and Windows locks a loaded file).
        CopyFolder(Path.GetDirectoryName(targetPath)!, folder);
        try
        {
            return await Generation.StartAsync(number, Path.Combine(folder, Path.GetFileName(targetPath)), Fingerprint(folder), _args, _options, _addresses, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    private async Task RetireAsync(Generation generation, bool reportUnload)
    {
        var number = generation.Number;
        var folder = generation.Folder;
        WeakReference loadContext;
        try
        {
            loadContext = await generation.RetireAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await _options.Error.WriteLineAsync($"{_options.ErrorPrefix}{Prefix}generation {number.ToString(CultureInfo.InvariantCulture)} did not stop cleanly: {ex.Message}").ConfigureAwait(false);
            return;
        }

        // Collectible contexts go away once nothing references their types; the collections that notice are forced here.
        var deadline = Stopwatch.GetTimestamp() + (long)(UnloadDeadline.TotalSeconds * Stopwatch.Frequency);
        var pause = TimeSpan.FromMilliseconds(50);
        while (loadContext.IsAlive && Stopwatch.GetTimestamp() < deadline)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(pause).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }

        if (loadContext.IsAlive)
        {
            if (reportUnload)
            {
                await WriteAsync($"generation {number.ToString(CultureInfo.InvariantCulture)} is still loaded {UnloadDeadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s after its last call: something outside its calls (a static field, an event handler, a timer or a thread) still references its types, so each rebuild adds to the process's memory").ConfigureAwait(false);
            }

            return;
        }

        TryDelete(folder);
        _options.GenerationUnloaded?.Invoke(number);
    }

    private async Task WriteAsync(string line, IReadOnlyList<string>? details = null)
    {
        var output = _options.Output;
        var text = Prefix + line + output.NewLine + (details is { Count: > 0 } ? string.Join(output.NewLine, details) + output.NewLine : string.Empty);
        await output.WriteAsync(text).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private async Task WriteBuildErrorsAsync(string headline, IReadOnlyList<string> errors)
    {
        var error = _options.Error;
        var text = _options.ErrorPrefix + headline + error.NewLine + string.Concat(errors.Select(e => "  " + e + error.NewLine));
        await error.WriteAsync(text).ConfigureAwait(false);
        await error.FlushAsync().ConfigureAwait(false);
    }

    private static string Count(Generation generation)
        => generation.Definitions.Count == 1 ? "1 tool" : $"{generation.Definitions.Count.ToString(CultureInfo.InvariantCulture)} tools";

    /// <summary>Hashes every file of a build output with its relative path, so an unchanged build is recognised.</summary>
    private static string Fingerprint(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still loaded (Windows) stays in the temporary folder.
        }
    }

    private void DeleteWork() => TryDelete(_work);
}
