using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Hosting;

/// <summary>Runs the self-hosted Flireo tool server as a program: builds it, refuses to start on a bad setup with one line, serves until stopped, drains.</summary>
/// <remarks>Used by <c>Flireo.Tools.Server</c> and <c>flireo-tools serve</c>; an app with its own middleware calls <c>AddFlireoToolServer</c> and <c>MapFlireoToolServer</c> instead.</remarks>
public static class FlireoToolServer
{
    /// <summary>The exit code for a normal shutdown.</summary>
    public const int ExitOk = 0;

    /// <summary>The exit code when the server refused to start (bad tools or configuration).</summary>
    public const int ExitStartupFailed = 1;

    /// <summary>Runs the server until it is stopped (SIGTERM, Ctrl+C or <paramref name="cancellationToken"/>), with the server's console log.</summary>
    /// <param name="args">The host's command line: <c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>.</param>
    /// <param name="configure">Sets the tool sources and where output goes, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the server as SIGTERM does.</param>
    /// <returns><see cref="ExitOk"/> after a normal shutdown, <see cref="ExitStartupFailed"/> when the server refused to start (one line on <see cref="FlireoToolServerOptions.Error"/>).</returns>
    public static async Task<int> RunAsync(string[] args, Action<FlireoToolServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new FlireoToolServerOptions { ConsoleLogging = true };
        configure?.Invoke(options);
        WebApplication app;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
            AddDefaults(builder);
            builder.AddFlireoToolServer(server =>
            {
                foreach (var source in options.ToolSources)
                {
                    server.ToolSources.Add(source);
                }

                server.ConsoleLogging = options.ConsoleLogging;
                server.DevelopmentBanner = options.DevelopmentBanner;
                server.Output = options.Output;
                server.Error = options.Error;
                server.ErrorPrefix = options.ErrorPrefix;
            });
            app = builder.Build();
            app.MapFlireoToolServer();
        }
        catch (Exception ex) when (StartupMessage(ex) is { } message)
        {
            await options.Error.WriteLineAsync(options.ErrorPrefix + message).ConfigureAwait(false);
            return ExitStartupFailed;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StartupMessage(ex) is { } message)
            {
                await options.Error.WriteLineAsync(options.ErrorPrefix + message).ConfigureAwait(false);
                return ExitStartupFailed;
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return ExitOk;
    }

    /// <summary>Adds the self-hosted server's defaults below every other configuration source: detailed errors and debug logs of Flireo.Tools in Development.</summary>
    private static void AddDefaults(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }

        var defaults = new MemoryConfigurationSource
        {
            InitialData =
            [
                new($"{FlireoToolsOptions.SectionName}:{nameof(FlireoToolsOptions.IncludeDetailedErrors)}", "true"),
                new("Serilog:MinimumLevel:Override:Flireo.Tools", "Debug"),
            ],
        };
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, defaults);
    }

    private static string? StartupMessage(Exception ex) => ex switch
    {
        FlireoToolsConfigurationException => ex.Message,
        OptionsValidationException options => "Invalid configuration: " + string.Join(" ", options.Failures),
        IOException { InnerException: not null } io when io.Message.Contains("address", StringComparison.OrdinalIgnoreCase) => $"Cannot listen: {io.Message}",
        IOException io => $"Cannot start: {io.Message}",
        InvalidOperationException or ArgumentException or FormatException => $"Cannot start: {ex.Message}",
        _ => null,
    };
}
