using System.Reflection;
using Flireo.Tools;
using Flireo.Tools.Mcp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MCP server of Flireo.Tools on an <see cref="IFlireoToolsBuilder"/>.</summary>
public static class McpFlireoToolsBuilderExtensions
{
    /// <summary>Adds an MCP server (official ModelContextProtocol SDK, Streamable HTTP) that serves every catalog tool; map it with <c>MapFlireoMcp</c>.</summary>
    /// <param name="builder">The builder returned by <c>AddFlireoTools</c>.</param>
    /// <param name="configure">Changes options after binding from the <c>Flireo:Mcp</c> configuration section, or <see langword="null"/>.</param>
    /// <returns>The same builder instance.</returns>
    /// <remarks>
    /// Each tool keeps its name, description and non-strict parameter schema, and each call runs through the webhook's
    /// router: the same binder and error texts, injected services, <see cref="ToolCallContext"/>, metrics, traces and
    /// async queue, under the tool's <c>TimeoutSeconds</c> or <see cref="FlireoMcpOptions.Timeout"/> (30 seconds by
    /// default, at most 60). The MCP server is the app's one <c>AddMcpServer</c> registration: adding other MCP tools
    /// to it is not supported. Calling it again only applies <paramref name="configure"/>.
    /// </remarks>
    public static IFlireoToolsBuilder AddMcp(this IFlireoToolsBuilder builder, Action<FlireoMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(static d => d.ServiceType == typeof(McpToolHandler)))
        {
            services.AddOptions<FlireoMcpOptions>()
                .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(FlireoMcpOptions.SectionName).Bind(options))
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlireoMcpOptions>, FlireoMcpOptionsValidator>());
            services.AddSingleton(static provider => new McpToolHandler(
                provider.GetRequiredService<ToolRouter>(),
                provider.GetRequiredService<IOptions<FlireoMcpOptions>>(),
                provider.GetRequiredService<IOptions<FlireoToolsOptions>>(),
                provider.GetService<ILogger<McpToolHandler>>() ?? new Logger<McpToolHandler>(provider.GetService<ILoggerFactory>() ?? Logging.Abstractions.NullLoggerFactory.Instance)));
            services.AddMcpServer(static server => server.ServerInfo = new Implementation
                {
                    Name = "flireo-tools",
                    Version = typeof(McpFlireoToolsBuilderExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
                })
                .WithHttpTransport()
                .WithListToolsHandler(static (request, cancellationToken) => Handler(request.Services ?? request.Server.Services!).ListToolsAsync(request, cancellationToken))
                .WithCallToolHandler(static (request, cancellationToken) => Handler(request.Services ?? request.Server.Services!).CallToolAsync(request, cancellationToken));
            services.AddOptions<HttpServerTransportOptions>()
                .Configure<IOptions<FlireoMcpOptions>>(static (transport, options) =>
                    transport.SessionMode = options.Value.Stateless ? HttpServerSessionMode.Stateless : HttpServerSessionMode.StatefulForInitializeClients);
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    private static McpToolHandler Handler(IServiceProvider services) => services.GetRequiredService<McpToolHandler>();
}
