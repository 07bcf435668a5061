using Flireo.Tools.Hosting.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Hosting;

/// <summary>Runs the self-hosted Flireo tool server as a program: builds it, refuses to start on a bad setup with one line, serves until stopped, drains.</summary>
/// <remarks>Used by <c>Flireo.Tools.Server</c> and <c>flireo-tools serve</c>; an app with its own middleware calls <c>AddFlireoToolServer</c> and <c>MapFlireoToolServer</c> instead.</remarks>
public static class FlireoToolServer
{
    /// <summary>The exit code for a normal shutdown.</summary>
    public const int ExitOk = 0;

    /// <summary>The exit code when the server refused to start (bad tools or configuration) or its async work queue could not be opened.</summary>
    public const int ExitStartupFailed = 1;

    /// <summary>Runs the server until it is stopped (SIGTERM, Ctrl+C or <paramref name="cancellationToken"/>), with the server's console log.</summary>
    /// <param name="args">The host's command line: <c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>.</param>
    /// <param name="configure">Sets the tool sources and where output goes, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the server as SIGTERM does.</param>
    /// <returns><see cref="ExitOk"/> after a normal shutdown, <see cref="ExitStartupFailed"/> when the server refused to start or its async work queue could not be opened (one line on <see cref="FlireoToolServerOptions.Error"/>).</returns>
    /// <remarks>The SQLite queue file opens in the background after the server has started (or at the first async call), so sync calls are answered sooner; a file that cannot be opened stops the server with that line and <see cref="ExitStartupFailed"/>.</remarks>
    public static async Task<int> RunAsync(string[] args, Action<FlireoToolServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new FlireoToolServerOptions { ConsoleLogging = true };
        configure?.Invoke(options);
        if (options.Watch)
        {
            return await WatchServer.RunAsync(args, options, cancellationToken).ConfigureAwait(false);
        }

        WebApplication app;
        try
        {
            app = CreateApp(args, options);
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
            catch (Exception) when (QueueFailure(app) is { } message)
            {
                // The store failed to open while the host was still starting, and its stop cancelled the start.
                await options.Error.WriteLineAsync(options.ErrorPrefix + message).ConfigureAwait(false);
                return ExitStartupFailed;
            }
            catch (Exception ex) when (StartupMessage(ex) is { } message)
            {
                await options.Error.WriteLineAsync(options.ErrorPrefix + message).ConfigureAwait(false);
                return ExitStartupFailed;
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);

            // The queue's store opens in the background after the start; one that cannot be opened stopped the host.
            if (QueueFailure(app) is { } failure)
            {
                await options.Error.WriteLineAsync(options.ErrorPrefix + failure).ConfigureAwait(false);
                return ExitStartupFailed;
            }
        }

        return ExitOk;
    }

    /// <summary>Builds the server's app with its endpoints mapped, ready to start.</summary>
    /// <param name="args">The host's command line.</param>
    /// <param name="options">The tool sources and where output goes.</param>
    /// <param name="configure">Changes the builder before the server is added (a generation of <c>--watch</c>), or <see langword="null"/>.</param>
    /// <returns>The app, not started.</returns>
    internal static WebApplication CreateApp(string[] args, FlireoToolServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddFlireoToolServer(options.CopyTo);
        var app = builder.Build();
        app.MapFlireoToolServer();
        return app;
    }

    /// <summary>Creates the builder every app of <see cref="RunAsync"/> starts from: the command line, the content root and the Development defaults.</summary>
    /// <remarks>
    /// The slim builder with what the server uses of the full one: the same configuration sources (JSON files, user
    /// secrets in Development, environment, command line), host filtering, and Kestrel with HTTPS endpoints and
    /// certificates from configuration or <c>--urls</c>. HTTP/3 (QUIC) is added only when the <c>Kestrel</c> section asks
    /// for it: probing for the QUIC library costs every start. Left out: IIS integration, hosting startup assemblies and
    /// regular-expression route constraints, none of which the server uses. It starts sooner (benchmarks/RESULTS.md).
    /// </remarks>
    /// <param name="args">The host's command line.</param>
    /// <returns>The builder.</returns>
    internal static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (AsksForHttp3(builder.Configuration))
        {
            builder.WebHost.UseQuic();
        }

        AddDefaults(builder);
        return builder;
    }

    /// <summary>Tells whether the <c>Kestrel</c> configuration section names HTTP/3 (<c>Protocols</c> of an endpoint or of the endpoint defaults).</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns><see langword="true"/> when some <c>Protocols</c> value contains <c>Http3</c>.</returns>
    internal static bool AsksForHttp3(IConfiguration configuration)
        => configuration.GetSection("Kestrel").AsEnumerable().Any(static pair =>
            pair.Value is { } value
            && pair.Key.EndsWith(":Protocols", StringComparison.OrdinalIgnoreCase)
            && value.Contains("Http3", StringComparison.OrdinalIgnoreCase));

    /// <summary>Describes why the async work store could not be opened, or returns <see langword="null"/> when it is open or still opening.</summary>
    private static string? QueueFailure(WebApplication app) =>
        app.Services.GetRequiredService<ServerQueueOpening>().Failure is { } failure
            ? ServerQueueOpening.Describe(app.Services.GetRequiredService<ServerQueueSetup>(), failure)
            : null;

    /// <summary>Turns a startup failure into the one line written before exiting with <see cref="ExitStartupFailed"/>.</summary>
    /// <param name="ex">The exception.</param>
    /// <returns>The message, or <see langword="null"/> for an unexpected exception (which propagates).</returns>
    internal static string? StartupMessage(Exception ex) => ex switch
    {
        FlireoToolsConfigurationException => ex.Message,
        OptionsValidationException options => "Invalid configuration: " + string.Join(" ", options.Failures),
        IOException { InnerException: not null } io when io.Message.Contains("address", StringComparison.OrdinalIgnoreCase) => $"Cannot listen: {io.Message}",
        IOException io => $"Cannot start: {io.Message}",
        InvalidOperationException or ArgumentException or FormatException => $"Cannot start: {ex.Message}",
        _ => null,
    };

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
}
