using System.Net;
using Flireo.Tools.Reliability.Tests.Support;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Reliability.Tests.Plugins;

/// <summary>Loads a plugin whose tools cannot be constructed, initialised, serialised or sent into the real server, which must stay up.</summary>
[Collection(nameof(ReliabilityServerCollection))]
public sealed class FaultyPluginTests(ReliabilityServer server)
{
    [Fact]
    public async Task Webhook_ToolClassConstructorThrows_AnswersErrorResultLogsTheCauseAndKeepsServing()
    {
        var (status, result, error) = await CallAsync("ctor_throws");

        status.Should().Be(HttpStatusCode.OK);
        result.Should().BeNull();
        error.Should().Be("The tool 'ctor_throws' failed. Please try again later.");
        await server.Process.WaitForOutputAsync(line => line.Contains("ctor_throws", StringComparison.Ordinal) && line.Contains("The connection string 'Crm' is not configured.", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task Webhook_ToolClassStaticConstructorThrows_AnswersErrorResultEveryTimeAndKeepsServing()
    {
        var first = await CallAsync("static_ctor_throws");
        var second = await CallAsync("static_ctor_throws");

        first.Error.Should().Be("The tool 'static_ctor_throws' failed. Please try again later.");
        second.Error.Should().Be(first.Error, "a type whose initialiser failed stays unusable, and each call says so");
        await server.Process.WaitForOutputAsync(line => line.Contains("TypeInitializationException", StringComparison.Ordinal) && line.Contains("FLIREO_RELIABILITY_NEVER_SET is not set.", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task Webhook_ToolReturnsAnObjectCycle_AnswersErrorResultAndKeepsServing()
    {
        var (status, result, error) = await CallAsync("cycle");

        status.Should().Be(HttpStatusCode.OK);
        result.Should().BeNull();
        error.Should().Be("The result of tool 'cycle' cannot be written as JSON: it contains a reference cycle or is nested more than 64 levels deep.");
        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task Webhook_ToolReturnsTenMegabytes_AnswersErrorResultNamingTheSizeAndKeepsServing()
    {
        var (status, result, error) = await CallAsync("big_result", new { bytes = 10 * 1024 * 1024 });

        status.Should().Be(HttpStatusCode.OK);
        result.Should().BeNull();
        error.Should().Be("The result of tool 'big_result' is too large to send: 10485762 bytes, more than the 65536 allowed.");
        await server.Process.WaitForOutputAsync(line => line.Contains("big_result", StringComparison.Ordinal) && line.Contains("Flireo:MaxResultSize", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task Webhook_ToolReturnsJustUnderTheResultLimit_AnswersWithTheResult()
    {
        var (_, result, error) = await CallAsync("big_result", new { bytes = 65_534 });

        error.Should().BeNull();
        result!.Value.GetString().Should().HaveLength(65_534);
    }

    [Fact]
    public async Task Webhook_PluginDeployedWithoutAPackageDll_AnswersErrorResultLogsTheMissingAssemblyAndServesItsOtherTools()
    {
        var folder = Directory.CreateTempSubdirectory("flireo-missing-dependency-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(ReliabilityPlugin.Folder).Where(f => Path.GetFileName(f) != "Humanizer.dll"))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            await using var incomplete = ReliabilityServer.Start(Path.Combine(folder, ReliabilityPlugin.Name + ".dll"));
            await incomplete.WaitUntilStartedAsync();

            var needsHumanizer = await SignedWebhooks.CallAsync(incomplete.Client, ReliabilityServer.Secret, "in_words", new { number = 3 });
            var other = await SignedWebhooks.CallAsync(incomplete.Client, ReliabilityServer.Secret, "add_numbers", new { a = 3, b = 4 });

            needsHumanizer.Status.Should().Be(HttpStatusCode.OK);
            needsHumanizer.Error.Should().Be("The tool 'in_words' failed. Please try again later.");
            other.Result!.Value.GetInt64().Should().Be(7);
            await incomplete.WaitForOutputAsync(line => line.Contains("in_words", StringComparison.Ordinal) && line.Contains("Could not load file or assembly 'Humanizer", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement? Result, string? Error)> CallAsync(string tool, object? arguments = null)
        => SignedWebhooks.CallAsync(server.Process.Client, ReliabilityServer.Secret, tool, arguments);

    private async Task ShouldStillServeAsync()
    {
        var (status, result, error) = await CallAsync("add_numbers", new { a = 40, b = 2 });
        status.Should().Be(HttpStatusCode.OK);
        error.Should().BeNull();
        result!.Value.GetInt64().Should().Be(42);
        using var health = await server.Process.Client.GetAsync("/healthz");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
