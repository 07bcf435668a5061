using Flireo.Tools.Hosting.Logging;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Flireo.Tools.Hosting.Tests.Logging;

public sealed class ServerLogLevelsTests
{
    private static readonly string[] Sources = ["Flireo.Tools", "Flireo.Tools.Server", "Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Diagnostics.HealthChecks", "Serilog.AspNetCore.RequestLoggingMiddleware", "MyTools.Orders"];

    public static TheoryData<string> LevelOnlySections => new()
    {
        string.Empty,
        "Serilog:MinimumLevel=Debug",
        "Serilog:MinimumLevel:Default=Warning",
        "Serilog:MinimumLevel:Default=verbose;Serilog:MinimumLevel:Override:Flireo.Tools=Error",
        "Serilog:MinimumLevel:Override:Flireo.Tools=Debug;Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Debug",
        "Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Hosting.Diagnostics=Warning;Serilog:MinimumLevel:Override:Microsoft.AspNetCore=Information",
    };

    [Theory]
    [MemberData(nameof(LevelOnlySections))]
    public void LevelOnlySection_GivesTheLevelsReadFromConfigurationGives(string settings)
    {
        var configuration = Configuration(settings);
        var levels = ServerLogLevels.TryRead(configuration.GetSection(ServerLogLevels.SectionName), ServerLogging.ServerDefaultOverrides);
        levels.Should().NotBeNull();
        var ours = new LoggerConfiguration();
        levels!.Apply(ours);
        var serilogs = new LoggerConfiguration().MinimumLevel.Information();
        foreach (var (source, level) in ServerLogging.ServerDefaultOverrides)
        {
            serilogs.MinimumLevel.Override(source, level);
        }

        serilogs.ReadFrom.Configuration(configuration);

        using var expected = serilogs.CreateLogger();
        using var actual = ours.CreateLogger();
        foreach (var source in Sources)
        {
            foreach (var level in Enum.GetValues<LogEventLevel>())
            {
                actual.ForContext(Constants.SourceContextPropertyName, source).IsEnabled(level)
                    .Should().Be(expected.ForContext(Constants.SourceContextPropertyName, source).IsEnabled(level), $"{source} at {level} with '{settings}'");
            }
        }
    }

    [Theory]
    [InlineData("Serilog:WriteTo:0:Name=Console")]
    [InlineData("Serilog:Enrich:0=FromLogContext")]
    [InlineData("Serilog:Using:0=Serilog.Sinks.Console")]
    [InlineData("Serilog:MinimumLevel:ControlledBy=$switch")]
    [InlineData("Serilog:MinimumLevel=Loud")]
    [InlineData("Serilog:MinimumLevel:Default=3")]
    [InlineData("Serilog:MinimumLevel:Override:Flireo.Tools=")]
    public void AnythingButLevelNames_IsLeftToReadFromConfiguration(string settings)
    {
        var configuration = Configuration(settings);

        ServerLogLevels.TryRead(configuration.GetSection(ServerLogLevels.SectionName), ServerLogging.ServerDefaultOverrides).Should().BeNull();
    }

    [Fact]
    public void ConfiguredLevels_FollowAReloadOfTheConfiguration()
    {
        var configuration = Configuration("Serilog:MinimumLevel:Default=Information;Serilog:MinimumLevel:Override:MyTools=Warning");
        var levels = ServerLogLevels.TryRead(configuration.GetSection(ServerLogLevels.SectionName), ServerLogging.ServerDefaultOverrides)!;
        var logger = new LoggerConfiguration();
        levels.Apply(logger);
        using var log = logger.CreateLogger();
        var tools = log.ForContext(Constants.SourceContextPropertyName, "MyTools.Orders");
        tools.IsEnabled(LogEventLevel.Information).Should().BeFalse();

        configuration["Serilog:MinimumLevel:Override:MyTools"] = "Debug";
        configuration["Serilog:MinimumLevel:Default"] = "Error";
        configuration.Reload();

        tools.IsEnabled(LogEventLevel.Debug).Should().BeTrue();
        log.ForContext(Constants.SourceContextPropertyName, "Other").IsEnabled(LogEventLevel.Warning).Should().BeFalse();
        log.ForContext(Constants.SourceContextPropertyName, "Other").IsEnabled(LogEventLevel.Error).Should().BeTrue();
    }

    private static IConfigurationRoot Configuration(string settings)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(static pair => pair.Split('=', 2)).Select(static kv => new KeyValuePair<string, string?>(kv[0], kv[1])))
            .Build();
}
