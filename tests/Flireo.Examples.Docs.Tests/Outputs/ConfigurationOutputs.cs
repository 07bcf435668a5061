using System.Reflection;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Tools;
using Flireo.Tools.Dashboard;
using Flireo.Tools.Definitions;
using Flireo.Tools.Mcp;
using Flireo.Tools.Redis;
using Flireo.Tools.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/configuration.md shows: the settings of the options classes, generated from the classes.</summary>
internal static class ConfigurationOutputs
{
    [DocOutput("configuration-flireo-options")]
    public static string FlireoOptions() => OptionsTable.ForConfiguration(FlireoToolsOptions.SectionName, new FlireoToolsOptions(), MachineDefault);

    [DocOutput("configuration-sqlite-options")]
    public static string SqliteOptions() => OptionsTable.ForConfiguration(SqliteToolWorkQueueOptions.SectionName, new SqliteToolWorkQueueOptions());

    [DocOutput("configuration-redis-options")]
    public static string RedisOptions() => OptionsTable.ForConfiguration(RedisToolWorkQueueOptions.SectionName, new RedisToolWorkQueueOptions());

    [DocOutput("configuration-mcp-options")]
    public static string McpOptions() => OptionsTable.ForConfiguration(FlireoMcpOptions.SectionName, new FlireoMcpOptions());

    [DocOutput("configuration-dashboard-options")]
    public static string DashboardOptions() => OptionsTable.ForConfiguration(FlireoDashboardOptions.SectionName, new FlireoDashboardOptions());

    [DocOutput("configuration-server-options")]
    public static string ServerOptions()
    {
        // The server's options class is internal to the hosting library (the keys are configuration, not API): read it by name.
        var type = typeof(Flireo.Tools.Hosting.FlireoToolServerOptions).Assembly.GetType("Flireo.Tools.Hosting.ServerOptions", throwOnError: true)!;
        var section = (string)type.GetField("SectionName")!.GetRawConstantValue()!;
        return OptionsTable.ForConfiguration(section, Activator.CreateInstance(type, nonPublic: true)!);
    }

    [DocOutput("configuration-code-only")]
    public static string CodeOnly()
    {
        // The settings configuration cannot bind: they exist, and are set in code only.
        var codeOnly = OptionsTable.Properties(typeof(FlireoToolsOptions)).Where(p => !OptionsTable.IsBindable(p)).Select(p => $"`{p.Name}`");
        return string.Join(", ", codeOnly);
    }

    [DocOutput("configuration-definition-options")]
    public static string DefinitionOptions() => OptionsTable.ForCode(new ToolDefinitionOptions());

    [DocOutput("configuration-invalid")]
    public static string Invalid()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flireo:SyncTimeout"] = "00:00:00",
            ["Flireo:MaxRequestBodySize"] = "100",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFlireoTools().Services.BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
            return "(valid)";
        }
        catch (OptionsValidationException ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private static string? MachineDefault(PropertyInfo property, object? value)
    {
        if (property.DeclaringType == typeof(AsyncToolOptions) && property.Name == nameof(AsyncToolOptions.MaxConcurrency))
        {
            // Fails when the default changes, so the words below stay true.
            return (int)value! == Environment.ProcessorCount * 4 ? "4 × processor count" : throw new InvalidOperationException($"MaxConcurrency defaults to {value}, not 4 × {Environment.ProcessorCount}: update the docs.");
        }

        return null;
    }
}
