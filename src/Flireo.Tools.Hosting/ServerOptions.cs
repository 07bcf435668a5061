namespace Flireo.Tools.Hosting;

/// <summary>Configures the self-hosted server; bound from the <c>Flireo:Server</c> configuration section.</summary>
internal sealed class ServerOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Flireo:Server";

    /// <summary>Gets the tool assemblies, projects or folders to load; <c>--tools</c> on the command line replaces them.</summary>
    public IList<string> ToolAssemblies { get; } = [];

    /// <summary>Gets or sets the route of the webhook endpoint. Default <c>/flireo</c>.</summary>
    public string Path { get; set; } = "/flireo";

    /// <summary>Gets or sets the configuration a project given as a tool is built with. Default <c>Release</c>.</summary>
    public string BuildConfiguration { get; set; } = "Release";

    /// <summary>Gets or sets the log format on the console: <c>Auto</c> (JSON when the output is redirected), <c>Text</c> or <c>Json</c>.</summary>
    public ServerLogFormat LogFormat { get; set; } = ServerLogFormat.Auto;

    /// <summary>Gets or sets a value indicating whether one line is logged per request: successes and refusals (4xx) at Debug (the webhook endpoint logs each refusal reason at most once per 10 s), slow requests (2 s or more) at Warning, failures at Error. Default <see langword="true"/>.</summary>
    public bool RequestLogging { get; set; } = true;

    /// <summary>Gets or sets the largest total size of request headers, in bytes. Default 16 KiB.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    /// <summary>Gets or sets the most request headers accepted. Default 50.</summary>
    public int MaxRequestHeaderCount { get; set; } = 50;

    /// <summary>Gets or sets how long a client may take to send the request headers. Default 10 seconds.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long an idle keep-alive connection stays open. Default 2 minutes.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the time limit of one request, enforced by ASP.NET Core's request-timeout middleware; <see langword="null"/> (the default) adds no such middleware, since the sync tool deadline, the assistant-request limit and Kestrel's minimum body data rate already bound every webhook.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Gets or sets where acknowledged async calls are kept until they run: <c>Sqlite</c> (default), <c>Memory</c> or <c>Redis</c>.</summary>
    public ServerQueue Queue { get; set; } = ServerQueue.Sqlite;

    /// <summary>Gets or sets the folder of the SQLite queue file; <see langword="null"/> (the default) is a <c>data</c> folder under the current directory.</summary>
    /// <remarks>
    /// A relative path is resolved against the current directory (where the server was started), never the build output,
    /// so <c>dotnet clean</c> or a redeploy of the binaries keeps acknowledged work. The full path of the file is logged at
    /// startup. It must be on a local disk and kept across restarts; the container image sets <c>/app/data</c>.
    /// </remarks>
    public string? DataDirectory { get; set; }

    /// <summary>Gets or sets a value indicating whether <c>/readyz</c> shows each check with its counts (tools, unfinished async calls); outside Development it otherwise shows only the overall status. Default <see langword="false"/>.</summary>
    public bool HealthDetails { get; set; }

    /// <summary>Gets or sets the OTLP endpoint for traces and metrics; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> works too.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
