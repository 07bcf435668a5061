using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.SystemConsole.Themes;

namespace Flireo.Tools.Hosting.Logging;

/// <summary>Configures Serilog as the server's only logger: console text on a terminal, compact JSON otherwise.</summary>
internal static class ServerLogging
{
    private const double SlowRequestMs = 2000;

    // Above Fatal: a category at this level is not enabled for any event.
    private const LogEventLevel Off = LogEventLevel.Fatal + 1;
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Replaces the default logging providers with Serilog, configured from the <c>Serilog</c> section on top of the server's defaults.</summary>
    /// <remarks>
    /// When the section only sets levels (<c>Serilog:MinimumLevel</c>, <c>:Default</c>, <c>:Override:*</c>), the levels are
    /// applied here, with switches that follow a reload of the configuration as Serilog.Settings.Configuration's do;
    /// anything else in the section (sinks, enrichers, filters, level switches) goes to <c>ReadFrom.Configuration</c>, whose
    /// assembly scan and reflection cost a start tens of milliseconds.
    /// </remarks>
    /// <param name="builder">The application builder.</param>
    /// <param name="format">The console format.</param>
    public static void AddServerLogging(this WebApplicationBuilder builder, ServerLogFormat format)
    {
        var configuration = builder.Configuration;
        var json = format == ServerLogFormat.Json || (format == ServerLogFormat.Auto && Console.IsOutputRedirected);
        var ownSinks = configuration.GetSection("Serilog:WriteTo").Exists();
        builder.Services.AddSerilog((services, logger) =>
        {
            var levels = ServerLogLevels.TryRead(configuration.GetSection(ServerLogLevels.SectionName), ServerDefaultOverrides);
            if (levels is not null)
            {
                levels.Apply(logger);
            }
            else
            {
                logger.MinimumLevel.Information();
                foreach (var (source, level) in ServerDefaultOverrides)
                {
                    logger.MinimumLevel.Override(source, level);
                }

                logger.ReadFrom.Configuration(configuration);
            }

            logger.ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (ownSinks)
            {
                return;
            }

            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture, theme: AnsiConsoleTheme.Code);
            }
        });
    }

    /// <summary>Gets the server's own level overrides, below whatever configuration sets.</summary>
    /// <remarks>
    /// <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> is off, not just quiet: while this category is enabled at all, ASP.NET
    /// Core starts an Activity and a logging scope for every request (for request ids in log lines), which cost a tenth
    /// of the server's throughput. Its own lines (request starting/finished) are below Warning anyway; configuration can
    /// turn it back on.
    /// </remarks>
    internal static IReadOnlyList<KeyValuePair<string, LogEventLevel>> ServerDefaultOverrides { get; } =
    [
        new("Microsoft.AspNetCore", LogEventLevel.Warning),
        new("Microsoft.AspNetCore.Hosting.Diagnostics", Off),
        new("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Warning),
    ];

    /// <summary>
    /// Logs one line per request (method, path, status, time) without bodies, headers or query strings: at Debug when it
    /// succeeded or was refused (4xx), Warning when it took 2 seconds or more, Error for a failure.
    /// </summary>
    /// <remarks>
    /// A line per answered webhook at Information cost a quarter of the server's throughput, so successes are at Debug.
    /// Refusals are at Debug too: anyone can send them without a secret, and the webhook endpoint already logs each
    /// reason with at most one line per 10 seconds (with the count it held back) and counts every one in metrics.
    /// </remarks>
    /// <param name="app">The application.</param>
    /// <param name="quietPaths">Paths logged at Verbose unless they fail, such as the health probes.</param>
    public static void UseServerRequestLogging(this WebApplication app, params string[] quietPaths)
    {
        // The middleware's own logger, given once: without one it derives a logger from the static one for every request
        // (an allocation and a walk over the level overrides). Same logger, source context and levels.
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.MessageTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, elapsedMs, exception) => GetRequestLevel(context.Response.StatusCode, elapsedMs, exception, IsQuiet(context.Request.Path.Value, quietPaths));
        });
    }

    private static bool IsQuiet(string? path, string[] quietPaths)
    {
        foreach (var quiet in quietPaths)
        {
            if (string.Equals(path, quiet, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Chooses the level of one request line.</summary>
    /// <param name="statusCode">The response status.</param>
    /// <param name="elapsedMs">The time the request took, in milliseconds.</param>
    /// <param name="exception">The exception that escaped, if any.</param>
    /// <param name="quiet">Whether the path is a health probe.</param>
    /// <returns>The level.</returns>
    internal static LogEventLevel GetRequestLevel(int statusCode, double elapsedMs, Exception? exception, bool quiet) =>
        exception is not null || statusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : quiet ? LogEventLevel.Verbose
        : elapsedMs >= SlowRequestMs ? LogEventLevel.Warning
        : LogEventLevel.Debug;
}
