namespace Flireo.Tools.Hosting;

/// <summary>Configures what <c>AddFlireoToolServer</c> adds beyond the configuration keys of the <c>Flireo:Server</c> section.</summary>
/// <remarks>
/// Everything an operator sets (the webhook path, the queue, limits, the secret) stays in configuration, with the same keys as
/// the self-hosted server; these options are what the embedding code decides.
/// </remarks>
public sealed class FlireoToolServerOptions
{
    /// <summary>Gets the tool sources to load: a <c>.dll</c>, a project (built with <c>dotnet build</c> first) or a folder; when not empty they replace <c>Flireo:Server:ToolAssemblies</c>.</summary>
    public IList<string> ToolSources { get; } = [];

    /// <summary>Gets or sets a value indicating whether the app's logging is replaced by the server's console log (text on a terminal, compact JSON when redirected, per <c>Flireo:Server:LogFormat</c>) with one line per request. Default <see langword="false"/>: an embedding app keeps its own logging.</summary>
    public bool ConsoleLogging { get; set; }

    /// <summary>Gets or sets a value indicating whether the Development banner (webhook URL, secret, a signed <c>curl</c>) is written to <see cref="Output"/> once the server listens. Default <see langword="true"/>; outside Development nothing is written.</summary>
    /// <remarks>The banner shows a generated development secret; it is never written outside the Development environment.</remarks>
    public bool DevelopmentBanner { get; set; } = true;

    /// <summary>Gets or sets where the Development banner is written. Default <see cref="Console.Out"/>.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>Gets or sets where build progress and, from <see cref="FlireoToolServer.RunAsync"/>, startup failures are written. Default <see cref="Console.Error"/>.</summary>
    public TextWriter Error { get; set; } = Console.Error;

    /// <summary>Gets or sets a value indicating whether <see cref="FlireoToolServer.RunAsync"/> watches the tool project, rebuilds it on every change and swaps the new build in without dropping calls in flight. Default <see langword="false"/>.</summary>
    /// <remarks>
    /// Needs exactly one tool source, a project (or a folder holding one). Each build is served by a new generation of the
    /// server in a collectible load context; new requests go to it at once, the old generation finishes its calls (and
    /// drains its async work as on shutdown) and is then unloaded. A failed build is reported and the old generation keeps
    /// serving. For development only; <c>AddFlireoToolServer</c> ignores it.
    /// </remarks>
    public bool Watch { get; set; }

    /// <summary>Gets or sets the text before a startup failure written by <see cref="FlireoToolServer.RunAsync"/>. Default <c>Flireo.Tools.Server: </c>.</summary>
    public string ErrorPrefix { get; set; } = "Flireo.Tools.Server: ";

    /// <summary>Gets or sets a value indicating whether tool assemblies are loaded into collectible load contexts (one generation of <see cref="Watch"/>).</summary>
    internal bool CollectibleToolAssemblies { get; set; }

    /// <summary>Gets or sets the Development secret to use when none is configured, instead of generating one (every generation of <see cref="Watch"/> keeps the first one's).</summary>
    internal string? DevelopmentSecret { get; set; }

    /// <summary>Gets or sets what <see cref="Watch"/> calls with a generation's number once its load context was unloaded (for tests).</summary>
    internal Action<int>? GenerationUnloaded { get; set; }

    /// <summary>Copies every setting to another instance.</summary>
    /// <param name="target">The options to set.</param>
    internal void CopyTo(FlireoToolServerOptions target)
    {
        foreach (var source in ToolSources)
        {
            target.ToolSources.Add(source);
        }

        target.ConsoleLogging = ConsoleLogging;
        target.DevelopmentBanner = DevelopmentBanner;
        target.Output = Output;
        target.Error = Error;
        target.Watch = Watch;
        target.ErrorPrefix = ErrorPrefix;
        target.CollectibleToolAssemblies = CollectibleToolAssemblies;
        target.DevelopmentSecret = DevelopmentSecret;
        target.GenerationUnloaded = GenerationUnloaded;
    }
}
