using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Hosting;

/// <summary>Logging for the self-hosted server; event ids 3000–3099.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(3000, LogLevel.Information, "Loaded tool assembly {AssemblyPath}: {ToolClassCount} tool classes, {StartupCount} startup classes")]
    public static partial void PluginLoaded(ILogger logger, string assemblyPath, int toolClassCount, int startupCount);

    [LoggerMessage(3001, LogLevel.Information, "Serving {ToolCount} tools at {WebhookPath}: {ToolNames}")]
    public static partial void Serving(ILogger logger, int toolCount, string webhookPath, string toolNames);

    [LoggerMessage(3002, LogLevel.Warning, "No webhook secret is configured and Flireo:AllowUnsignedRequests is on: anyone who can reach {WebhookPath} can call the tools")]
    public static partial void UnsignedRequestsAllowed(ILogger logger, string webhookPath);

    [LoggerMessage(3003, LogLevel.Warning, "No webhook secret is configured: using a secret generated for this run (Development only); set Flireo__WebhookSecret to keep one")]
    public static partial void DevelopmentSecretGenerated(ILogger logger);

    [LoggerMessage(3004, LogLevel.Information, "Shutdown requested: no new requests are taken; in-flight calls may finish and queued async work drains for up to {DrainTimeout}")]
    public static partial void ShutdownRequested(ILogger logger, TimeSpan drainTimeout);

    [LoggerMessage(3005, LogLevel.Information, "Stopped {ElapsedMs} ms after shutdown was requested")]
    public static partial void Stopped(ILogger logger, double elapsedMs);

    [LoggerMessage(3006, LogLevel.Information, "Exporting traces and metrics with OTLP to {Endpoint}")]
    public static partial void OtlpEnabled(ILogger logger, string endpoint);

    [LoggerMessage(3007, LogLevel.Information, "Acknowledged async calls are stored in the SQLite file {DatabasePath} (folder: Flireo:Server:DataDirectory); they run after a crash or restart")]
    public static partial void SqliteQueue(ILogger logger, string databasePath);

    [LoggerMessage(3008, LogLevel.Information, "Acknowledged async calls are stored in Redis (Flireo:Redis:ConnectionString), shared with every server using the same key prefix")]
    public static partial void RedisQueue(ILogger logger);

    [LoggerMessage(3010, LogLevel.Warning, "Tools without a description, which the platform's tool definition requires: {ToolNames} ({ToolCount}). They are served, but the model chooses tools by their description; set Description on [FlireoTool] ('flireo-tools validate' reports them as FLT101, 'flireo-tools export' refuses them)")]
    public static partial void ToolsWithoutDescription(ILogger logger, int toolCount, string toolNames);

    [LoggerMessage(3009, LogLevel.Warning, "Acknowledged async calls are kept in memory (Flireo:Server:Queue=Memory): calls not yet run are lost if the process crashes")]
    public static partial void MemoryQueue(ILogger logger);
}
