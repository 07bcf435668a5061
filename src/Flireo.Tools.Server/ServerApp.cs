using System.Diagnostics;
using Flireo.Tools.Loading;
using Flireo.Tools.Mcp;
using Flireo.Tools.Redis;
using Flireo.Tools.Server.Development;
using Flireo.Tools.Server.Health;
using Flireo.Tools.Server.Hosting;
using Flireo.Tools.Server.Plugins;
using Flireo.Tools.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Server;

/// <summary>Builds and runs the self-hosted server: loads the tool assemblies, refuses to start on a bad setup, serves, drains on shutdown.</summary>
internal static class ServerApp
{
    /// <summary>The exit code for a normal shutdown.</summary>
    public const int ExitOk = 0;

    /// <summary>The exit code when the server refused to start (bad tools or configuration).</summary>
    public const int ExitStartupFailed = 1;

    /// <summary>The exit code for a command line that cannot be understood.</summary>
    public const int ExitUsage = 2;

    private const string ReadyTag = "ready";

    /// <summary>The route of the MCP endpoint, mapped when <c>Flireo:Mcp:Enabled</c> is true.</summary>
    private const string McpPath = "/mcp";

    /// <summary>Runs the server until it is stopped (SIGTERM, Ctrl+C).</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = ServerArguments.Parse(args);
        if (arguments.Error is not null)
        {
            await Console.Error.WriteLineAsync($"Flireo.Tools.Server: {arguments.Error}. Run with --help for usage.").ConfigureAwait(false);
            return ExitUsage;
        }

        if (arguments.ShowHelp)
        {
            await Console.Out.WriteLineAsync(ServerArguments.Usage).ConfigureAwait(false);
            return ExitOk;
        }

        WebApplication app;
        ServerSetup setup;
        try
        {
            (app, setup) = Build(arguments);
        }
        catch (Exception ex) when (StartupMessage(ex) is { } message)
        {
            await Console.Error.WriteLineAsync($"Flireo.Tools.Server: {message}").ConfigureAwait(false);
            return ExitStartupFailed;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (StartupMessage(ex) is { } message)
            {
                await Console.Error.WriteLineAsync($"Flireo.Tools.Server: {message}").ConfigureAwait(false);
                return ExitStartupFailed;
            }

            if (app.Environment.IsDevelopment())
            {
                DevelopmentBanner.Write(Console.Out, app.Urls, setup.WebhookPath, setup.Catalog, setup.Secret, setup.SecretWasGenerated, TimeProvider.System.GetUtcNow());
            }

            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return ExitOk;
    }

    private static (WebApplication App, ServerSetup Setup) Build(ServerArguments arguments)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. arguments.HostArguments],
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = builder.Configuration;
        var server = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var flireo = new FlireoToolsOptions();
        configuration.GetSection(FlireoToolsOptions.SectionName).Bind(flireo);
        var webhookPath = NormalisePath(server.Path);
        var mcpEnabled = configuration.GetValue<bool>($"{FlireoMcpOptions.SectionName}:Enabled");

        // Secret first: a server that would refuse every webhook should not start at all.
        var (secret, generated) = ResolveSecret(builder, flireo);

        // Plugins: build projects, load assemblies, run their startup code before the container is built.
        IEnumerable<string> entries = arguments.Tools.Count > 0 ? arguments.Tools : server.ToolAssemblies;
        if (!entries.Any(e => !string.IsNullOrWhiteSpace(e)))
        {
            throw new ServerStartupException("No tool assemblies given: pass --tools path/to/MyTools.dll (or a .csproj), or set Flireo:Server:ToolAssemblies (env Flireo__Server__ToolAssemblies__0).");
        }

        var plugins = new List<ToolPlugin>();
        foreach (var path in ToolSourceResolver.Resolve(entries, server.BuildConfiguration, Console.Error))
        {
            var plugin = ToolAssemblyLoader.Load(path);
            if (plugin.ToolTypes.Count == 0)
            {
                throw new ServerStartupException($"No tools found in '{path}': no class in it has a method marked [FlireoTool].");
            }

            plugins.Add(plugin);
        }

        var tools = builder.Services.AddFlireoTools();
        foreach (var plugin in plugins)
        {
            plugin.ConfigureServices(builder.Services, configuration);
            tools.AddPlugin(plugin);
        }

        if (mcpEnabled)
        {
            tools.AddMcp();
        }

        var queue = ConfigureQueue(tools, server, configuration, Environment.CurrentDirectory);
        builder.Services.AddSingleton(queue);

        builder.AddServerLogging(server.LogFormat);
        var otlpEndpoint = builder.AddServerTelemetry(server.OtlpEndpoint);
        ConfigureLimits(builder, server, flireo, mcpEnabled);
        builder.Services.AddHealthChecks()
            .AddCheck<ToolCatalogHealthCheck>("tools", tags: [ReadyTag])
            .AddCheck<ToolWorkQueueHealthCheck>("async-queue", tags: [ReadyTag])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [ReadyTag]);

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Flireo.Tools.Server");

        // Build the catalog and validate the options now, so bad tools stop the process with one clear message.
        _ = app.Services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        var catalog = app.Services.GetRequiredService<ToolCatalog>();
        CheckApiKey(app, catalog);

        if (server.RequestLogging)
        {
            app.UseServerRequestLogging("/healthz", "/readyz");
        }

        if (server.RequestTimeout is not null)
        {
            app.UseRequestTimeouts();
        }

        // Counts tell an anonymous caller how busy the server is: outside Development only the status, unless asked for.
        Func<HttpContext, HealthReport, Task> writeHealth = server.HealthDetails || app.Environment.IsDevelopment() ? HealthResponseWriter.WriteDetailedAsync : HealthResponseWriter.WriteStatusAsync;
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static _ => false, ResponseWriter = writeHealth }).DisableRequestTimeout();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag), ResponseWriter = writeHealth }).DisableRequestTimeout();
        app.MapFlireoWebhooks(webhookPath);
        if (mcpEnabled)
        {
            // Each MCP call is bounded by its own deadline (at most 60 s); a session's GET stream stays open by design.
            app.MapFlireoMcp(McpPath).DisableRequestTimeout();
        }

        foreach (var plugin in plugins)
        {
            ServerLog.PluginLoaded(logger, plugin.Path, plugin.ToolTypes.Count, plugin.StartupTypes.Count);
        }

        switch (queue.Kind)
        {
            case ServerQueue.Sqlite:
                ServerLog.SqliteQueue(logger, queue.Location!);
                break;
            case ServerQueue.Redis:
                ServerLog.RedisQueue(logger);
                break;
            default:
                ServerLog.MemoryQueue(logger);
                break;
        }

        ServerLog.Serving(logger, catalog.Tools.Count, webhookPath, string.Join(", ", catalog.Tools.Select(t => t.Name)));
        var undescribed = catalog.Tools.Where(static t => string.IsNullOrWhiteSpace(t.Description)).Select(static t => t.Name).ToList();
        if (undescribed.Count > 0)
        {
            // Not a startup refusal: the definitions are exported, not served, and a running assistant keeps working.
            ServerLog.ToolsWithoutDescription(logger, undescribed.Count, string.Join(", ", undescribed));
        }
        if (generated)
        {
            ServerLog.DevelopmentSecretGenerated(logger);
        }
        else if (secret is null)
        {
            ServerLog.UnsignedRequestsAllowed(logger, webhookPath);
        }

        if (otlpEndpoint is not null)
        {
            ServerLog.OtlpEnabled(logger, otlpEndpoint);
        }

        TrackShutdown(app, logger, flireo.AsyncTools.ShutdownTimeout);
        return (app, new ServerSetup(webhookPath, catalog, secret, generated));
    }

    /// <summary>Refuses to start outside Development when a tool speaks into the call (announces or hands off) and no API key is set; the key itself is never written anywhere.</summary>
    private static void CheckApiKey(WebApplication app, ToolCatalog catalog)
    {
        if (app.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.Api.Key))
        {
            return;
        }

        var speaking = catalog.Tools.Where(static t => t.AnnounceResult || t.HandOffAfter is not null).Select(static t => t.Name).ToList();
        if (speaking.Count > 0)
        {
            throw new ServerStartupException($"No Flireo API key configured, but these tools speak into the call (AnnounceResult or HandOffAfterSeconds) through the Call Control API: {string.Join(", ", speaking)}. Set Flireo__Api__Key (Flireo:Api:Key, from the dashboard's Settings › API Keys). Environment: {app.Environment.EnvironmentName}.");
        }
    }

    private static (string? Secret, bool Generated) ResolveSecret(WebApplicationBuilder builder, FlireoToolsOptions flireo)
    {
        var configured = !string.IsNullOrWhiteSpace(flireo.WebhookSecret) ? flireo.WebhookSecret : flireo.AdditionalWebhookSecrets.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
        if (configured is not null)
        {
            return (configured, false);
        }

        if (flireo.AllowUnsignedRequests)
        {
            return (null, false);
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new ServerStartupException($"No webhook secret configured: set Flireo__WebhookSecret (the secret of your Flireo assistant), or Flireo__AllowUnsignedRequests=true on a trusted network only. Environment: {builder.Environment.EnvironmentName}.");
        }

        var secret = DevelopmentSecret.Create();
        builder.Configuration.AddInMemoryCollection([new($"{FlireoToolsOptions.SectionName}:{nameof(FlireoToolsOptions.WebhookSecret)}", secret)]);
        return (secret, true);
    }

    private static ServerQueueSetup ConfigureQueue(IFlireoToolsBuilder tools, ServerOptions server, ConfigurationManager configuration, string currentDirectory)
    {
        switch (server.Queue)
        {
            case ServerQueue.Memory:
                return new ServerQueueSetup(ServerQueue.Memory, null);
            case ServerQueue.Redis:
                var connectionString = configuration[$"{RedisToolWorkQueueOptions.SectionName}:{nameof(RedisToolWorkQueueOptions.ConnectionString)}"];
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new ServerStartupException("Flireo:Server:Queue is Redis but no Redis server is configured: set Flireo__Redis__ConnectionString (e.g. redis:6379), or use Flireo__Server__Queue=Sqlite for one server.");
                }

                tools.AddRedisToolWorkQueue();
                return new ServerQueueSetup(ServerQueue.Redis, null);
            case ServerQueue.Sqlite:
                // Under the current directory, not the build output: `dotnet clean` or a redeploy of the binaries must not
                // delete acknowledged work.
                var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(server.DataDirectory) ? "data" : server.DataDirectory, currentDirectory);
                tools.AddSqliteToolWorkQueue(options => options.DataDirectory = directory);
                var fileName = configuration[$"{SqliteToolWorkQueueOptions.SectionName}:{nameof(SqliteToolWorkQueueOptions.FileName)}"];
                return new ServerQueueSetup(ServerQueue.Sqlite, Path.Combine(directory, string.IsNullOrWhiteSpace(fileName) ? new SqliteToolWorkQueueOptions().FileName : fileName));
            default:
                throw new ServerStartupException($"Flireo:Server:Queue '{server.Queue}' is not known: use Sqlite (default), Memory or Redis.");
        }
    }

    private static void ConfigureLimits(WebApplicationBuilder builder, ServerOptions server, FlireoToolsOptions flireo, bool mcpEnabled)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = flireo.MaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = server.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = server.MaxRequestHeaderCount;
            kestrel.Limits.RequestHeadersTimeout = server.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = server.KeepAliveTimeout;
        });

        // Every webhook is already bounded (the sync deadline, the assistant-request limit, Kestrel's minimum body data
        // rate), so the request-timeout middleware, a timer and a token source per request (3 % of throughput), only runs
        // when a limit is configured.
        var requestTimeout = server.RequestTimeout ?? flireo.SyncTimeout + TimeSpan.FromSeconds(5);
        var mcpCallLimit = TimeSpan.FromSeconds(60) + TimeSpan.FromSeconds(5);
        var inFlight = mcpEnabled && mcpCallLimit > requestTimeout ? mcpCallLimit : requestTimeout;
        if (server.RequestTimeout is { } limit)
        {
            builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy { Timeout = limit });
        }

        // In-flight sync calls finish within the request timeout, then acknowledged async work drains: the host must wait for both.
        var needed = inFlight + flireo.AsyncTools.ShutdownTimeout + TimeSpan.FromSeconds(5);
        builder.Services.PostConfigure<HostOptions>(options =>
        {
            if (options.ShutdownTimeout < needed)
            {
                options.ShutdownTimeout = needed;
            }
        });
    }

    private static void TrackShutdown(WebApplication app, ILogger logger, TimeSpan drainTimeout)
    {
        var lifetime = app.Lifetime;
        long stopping = 0;
        lifetime.ApplicationStopping.Register(() =>
        {
            stopping = Stopwatch.GetTimestamp();
            ServerLog.ShutdownRequested(logger, drainTimeout);
        });
        lifetime.ApplicationStopped.Register(() => ServerLog.Stopped(logger, stopping == 0 ? 0 : Stopwatch.GetElapsedTime(stopping).TotalMilliseconds));
    }

    private static string NormalisePath(string path)
    {
        var trimmed = string.IsNullOrWhiteSpace(path) ? "/flireo" : path.Trim();
        return trimmed.StartsWith('/') ? trimmed : "/" + trimmed;
    }

    private static string? StartupMessage(Exception ex) => ex switch
    {
        ServerStartupException or FlireoToolsConfigurationException => ex.Message,
        OptionsValidationException options => "Invalid configuration: " + string.Join(" ", options.Failures),
        IOException { InnerException: not null } io when io.Message.Contains("address", StringComparison.OrdinalIgnoreCase) => $"Cannot listen: {io.Message}",
        IOException io => $"Cannot start: {io.Message}",
        InvalidOperationException or ArgumentException or FormatException => $"Cannot start: {ex.Message}",
        _ => null,
    };

    private sealed record ServerSetup(string WebhookPath, ToolCatalog Catalog, string? Secret, bool SecretWasGenerated);
}
