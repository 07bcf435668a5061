using System.Diagnostics;
using System.Globalization;
using Flireo.Tools.Benchmarks.Startup;

namespace Flireo.Tools.Benchmarks.Load;

/// <summary>Measures startup work once in a fresh process (JIT and first-use costs included); prints JSON.</summary>
/// <remarks>
/// Usage: <c>cold-startup noop|reflection|bcl|catalog|catalog-schemas|export|catalog-plugin</c>; the first six work on the 1,000 generated
/// tools, <c>catalog-plugin</c> on the load test's four tools (the first catalog a server builds pays the schema generator's JIT).
/// </remarks>
internal static class ColdStartup
{
    public static int Run(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "export";
        var started = Stopwatch.GetTimestamp();
        var result = mode switch
        {
            "noop" => 0,
            "reflection" => StartupWork.ReflectionFloor(ThousandToolsAssembly.ToolTypes()),
            "bcl" => StartupWork.BclDefinitions(ThousandToolsAssembly.ToolTypes()).Length,
            "catalog" => StartupWork.Catalog(ThousandToolsAssembly.ToolTypes()).Tools.Count,
            "catalog-schemas" => StartupWork.CatalogWithSchemas(ThousandToolsAssembly.ToolTypes()).Tools.Count,
            "export" => StartupWork.Export(ThousandToolsAssembly.ToolTypes()).Length,
            "catalog-plugin" => StartupWork.Catalog([typeof(Plugin.ContactTools), typeof(Plugin.SlowTools)]).Tools.Count,
            _ => throw new ArgumentException($"Unknown mode '{mode}'."),
        };
        var workMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var processMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"mode\":\"{mode}\",\"workMs\":{workMs:0.0},\"processMs\":{processMs:0.0},\"result\":{result}}}"));
        return 0;
    }
}
