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

    /// <summary>Gets or sets the text before a startup failure written by <see cref="FlireoToolServer.RunAsync"/>. Default <c>Flireo.Tools.Server: </c>.</summary>
    public string ErrorPrefix { get; set; } = "Flireo.Tools.Server: ";
}
