using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Flireo.Tools.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>One build of the watched project, served by a full tool-server app in a collectible load context until the next build replaces it.</summary>
internal sealed class Generation
{
    private WebApplication? _app;
    private AssemblyLoadContext? _loadContext;

    private Generation(int number, string folder, string fingerprint, GenerationServer server, WebApplication app, AssemblyLoadContext loadContext, IReadOnlyDictionary<string, JsonObject> definitions)
    {
        Number = number;
        Fingerprint = fingerprint;
        Folder = folder;
        Server = server;
        _app = app;
        _loadContext = loadContext;
        Definitions = definitions;
    }

    /// <summary>Gets the generation's number, from 1.</summary>
    public int Number { get; }

    /// <summary>Gets the folder of the generation's copy of the build output.</summary>
    public string Folder { get; }

    /// <summary>Gets the fingerprint of the build output the generation serves.</summary>
    public string Fingerprint { get; }

    /// <summary>Gets the server the front hands this generation's requests to.</summary>
    public GenerationServer Server { get; }

    /// <summary>Gets the exported tool definitions, by tool name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Definitions { get; }

    /// <summary>Loads the tool assembly, builds the server app around it and starts it.</summary>
    /// <param name="number">The generation's number.</param>
    /// <param name="assemblyPath">The tool assembly in the generation's own copy of the build output.</param>
    /// <param name="fingerprint">The fingerprint of that build output.</param>
    /// <param name="args">The host's command line.</param>
    /// <param name="options">The server options of the run (output, console logging, the Development secret).</param>
    /// <param name="addresses">The front's addresses, shown by the banner and health checks.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The started generation.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The tools are invalid; the load context is unloaded again.</exception>
    public static async Task<Generation> StartAsync(int number, string assemblyPath, string fingerprint, string[] args, FlireoToolServerOptions options, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var server = new GenerationServer(addresses);
        var generationOptions = new FlireoToolServerOptions();
        options.CopyTo(generationOptions);
        generationOptions.Watch = false;
        generationOptions.ToolSources.Clear();
        generationOptions.ToolSources.Add(assemblyPath);
        generationOptions.CollectibleToolAssemblies = true;
        generationOptions.DevelopmentBanner = options.DevelopmentBanner && number == 1;
        WebApplication? app = null;
        try
        {
            app = FlireoToolServer.CreateApp(args, generationOptions, builder => Configure(builder, server, first: number == 1));
            var catalog = app.Services.GetRequiredService<ToolCatalog>();

            // The tools' own load context first (it is certain to be the one in use); the search by path for a plugin without tools.
            var loadContext = catalog.Tools.Select(static t => AssemblyLoadContext.GetLoadContext(t.ToolType.Assembly)).FirstOrDefault(static c => c is { IsCollectible: true })
                ?? FindLoadContext(assemblyPath)
                ?? throw new InvalidOperationException($"The load context of '{assemblyPath}' was not found.");
            var definitions = ToolDefinitions.Export(catalog.Tools).Select(static n => (JsonObject)n!).ToDictionary(static d => (string)d["name"]!, StringComparer.Ordinal);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new Generation(number, Path.GetDirectoryName(assemblyPath)!, fingerprint, server, app, loadContext, definitions);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            FindLoadContext(assemblyPath)?.Unload();
            throw;
        }
    }

    /// <summary>Stops taking requests, waits for the running ones and drains async work as on shutdown, disposes the app and unloads the load context.</summary>
    /// <returns>A weak reference to the load context, alive until the runtime has collected it.</returns>
    public async Task<WeakReference> RetireAsync()
    {
        var app = _app!;
        _app = null;
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        app = null!;
        return Unload();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference Unload()
    {
        var loadContext = _loadContext!;
        _loadContext = null;
        ReflectionCaches.Clear(loadContext);
        loadContext.Unload();
        return new WeakReference(loadContext);
    }

    private static void Configure(WebApplicationBuilder builder, GenerationServer server, bool first)
    {
        // Requests come from the front server; the watcher, not Ctrl+C, starts and stops a generation.
        builder.Services.AddSingleton<IServer>(server);
        builder.Services.AddSingleton<IHostLifetime, GenerationLifetime>();

        // One line per swap comes from the watcher: a generation's own start and stop lines (and, after the first, its
        // startup warnings) would repeat on every build. The calls' own log lines are not touched.
        var level = first ? "Warning" : "Error";
        var quiet = new MemoryConfigurationSource
        {
            InitialData =
            [
                new("Serilog:MinimumLevel:Override:Flireo.Tools.Server", level),
                new("Serilog:MinimumLevel:Override:Flireo.Tools.Dashboard", level),
                new("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning"),
            ],
        };
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, quiet);
    }

    private static AssemblyLoadContext? FindLoadContext(string assemblyPath)
        => AssemblyLoadContext.All.FirstOrDefault(c => c.IsCollectible && c.Assemblies.Any(a => string.Equals(a.Location, assemblyPath, StringComparison.Ordinal)));
}
