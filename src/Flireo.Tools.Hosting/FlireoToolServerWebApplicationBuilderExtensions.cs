using Flireo.Tools;
using Flireo.Tools.Hosting;
using Flireo.Tools.Hosting.Development;
using Flireo.Tools.Hosting.Health;
using Flireo.Tools.Hosting.Logging;
using Flireo.Tools.Loading;
using Flireo.Tools.Dashboard;
using Flireo.Tools.Mcp;
using Flireo.Tools.Redis;
using Flireo.Tools.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the self-hosted Flireo tool server to a <see cref="WebApplicationBuilder"/>.</summary>
public static class FlireoToolServerWebApplicationBuilderExtensions
{
    /// <summary>Adds what the self-hosted server runs: the tool assemblies (projects are built first) with their startup code, the async work queue, MCP when enabled, health checks, Kestrel limits and the shutdown drain.</summary>
    /// <remarks>
    /// <para>
    /// Reads the same configuration as <c>Flireo.Tools.Server</c>: the <c>Flireo:Server</c> section (tool assemblies, path,
    /// queue, limits), the <c>Flireo</c> section and <c>Flireo:Mcp:Enabled</c>. Call <c>app.MapFlireoToolServer()</c> after
    /// <c>Build()</c>; the app's own middleware and endpoints go around it as usual.
    /// </para>
    /// <para>
    /// Security: without a webhook secret the app refuses to start, except in Development, where a secret is generated for
    /// the run (and shown in the banner), or with <c>Flireo:AllowUnsignedRequests</c> on a trusted network. The Kestrel
    /// limits (request body size, header size and count, timeouts) apply to the whole app.
    /// </para>
    /// </remarks>
    /// <param name="builder">The application builder.</param>
    /// <param name="configure">Sets the tool sources and the console behaviour, or <see langword="null"/>.</param>
    /// <returns>The Flireo.Tools builder, for more tools, filters or services.</returns>
    /// <exception cref="FlireoToolsConfigurationException">No tools are given, a tool source cannot be loaded or built, no secret is configured outside Development, or the queue is misconfigured; the message says how to fix it.</exception>
    public static IFlireoToolsBuilder AddFlireoToolServer(this WebApplicationBuilder builder, Action<FlireoToolServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FlireoToolServerOptions();
        configure?.Invoke(options);
        var configuration = builder.Configuration;
        var server = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var flireo = new FlireoToolsOptions();
        configuration.GetSection(FlireoToolsOptions.SectionName).Bind(flireo);
        var webhookPath = NormalisePath(server.Path);
        var mcpEnabled = configuration.GetValue<bool>($"{FlireoMcpOptions.SectionName}:Enabled");

        // The dashboard is on in Development; elsewhere only when asked for, and then it must be protected or explicitly
        // anonymous (Flireo:Dashboard:AllowAnonymous): the server has no sign-in of its own.
        var dashboardEnabled = configuration.GetValue<bool?>($"{FlireoDashboardOptions.SectionName}:Enabled") ?? builder.Environment.IsDevelopment();

        // Secret first: a server that would refuse every webhook should not start at all.
        var (secret, generated) = ResolveSecret(builder, flireo, options.DevelopmentSecret);

        // Plugins: build projects, load assemblies, run their startup code before the container is built.
        IEnumerable<string> entries = options.ToolSources.Count > 0 ? options.ToolSources : server.ToolAssemblies;
        if (!entries.Any(e => !string.IsNullOrWhiteSpace(e)))
        {
            throw new FlireoToolsConfigurationException("No tool assemblies given: pass --tools path/to/MyTools.dll (or a .csproj), or set Flireo:Server:ToolAssemblies (env Flireo__Server__ToolAssemblies__0).");
        }

        var plugins = new List<ToolPlugin>();
        foreach (var path in ToolSourceResolver.ResolveAsync(entries, server.BuildConfiguration, options.Error).GetAwaiter().GetResult())
        {
            var plugin = ToolAssemblyLoader.Load(path, options.CollectibleToolAssemblies);
            if (plugin.ToolTypes.Count == 0)
            {
                throw new FlireoToolsConfigurationException($"No tools found in '{path}': no class in it has a method marked [FlireoTool].");
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

        if (dashboardEnabled)
        {
            builder.Services.AddFlireoDashboard();
        }

        var queue = ConfigureQueue(tools, server, configuration, Environment.CurrentDirectory);
        builder.Services.AddSingleton(queue);

        if (options.ConsoleLogging)
        {
            builder.AddServerLogging(server.LogFormat);
        }

        var otlpEndpoint = builder.AddServerTelemetry(server.OtlpEndpoint);
        ConfigureLimits(builder, server, flireo, mcpEnabled);
        builder.Services.AddSingleton<ServerQueueOpening>();
        builder.Services.AddHealthChecks()
            .AddCheck<ToolWorkStoreHealthCheck>("async-store", tags: [ServerSetup.LiveTag])
            .AddCheck<ToolCatalogHealthCheck>("tools", tags: [ServerSetup.ReadyTag])
            .AddCheck<ToolWorkQueueHealthCheck>("async-queue", tags: [ServerSetup.ReadyTag])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [ServerSetup.ReadyTag]);
        builder.Services.AddSingleton(new ServerSetup(options, server, flireo, webhookPath, mcpEnabled, dashboardEnabled, secret, generated, plugins, queue, otlpEndpoint));
        return tools;
    }

    private static (string? Secret, bool Generated) ResolveSecret(WebApplicationBuilder builder, FlireoToolsOptions flireo, string? developmentSecret)
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
            throw new FlireoToolsConfigurationException($"No webhook secret configured: set Flireo__WebhookSecret (the secret of your Flireo assistant), or Flireo__AllowUnsignedRequests=true on a trusted network only. Environment: {builder.Environment.EnvironmentName}.");
        }

        var secret = developmentSecret ?? DevelopmentSecret.Create();
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
                    throw new FlireoToolsConfigurationException("Flireo:Server:Queue is Redis but no Redis server is configured: set Flireo__Redis__ConnectionString (e.g. redis:6379), or use Flireo__Server__Queue=Sqlite for one server.");
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
                throw new FlireoToolsConfigurationException($"Flireo:Server:Queue '{server.Queue}' is not known: use Sqlite (default), Memory or Redis.");
        }
    }

    internal static void ConfigureLimits(WebApplicationBuilder builder, ServerOptions server, FlireoToolsOptions flireo, bool mcpEnabled)
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

    private static string NormalisePath(string path)
    {
        var trimmed = string.IsNullOrWhiteSpace(path) ? "/flireo" : path.Trim();
        return trimmed.StartsWith('/') ? trimmed : "/" + trimmed;
    }
}
