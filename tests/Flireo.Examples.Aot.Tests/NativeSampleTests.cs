using System.Net;
using System.Text.Json;

namespace Flireo.Examples.Aot.Tests;

/// <summary>The Native AOT sample, published once per run, answers signed webhooks from its native executable.</summary>
public sealed class NativeSampleTests(PublishedSample sample) : IClassFixture<PublishedSample>
{
    [Fact]
    public async Task SignedToolCall_NativeExecutable_AnswersWithTheToolResult()
    {
        await using var server = await NativeServer.StartAsync(sample.Executable);

        var result = await AnswerAsync(server, "get_opening_hours", """{"day":"monday"}""");

        result.GetProperty("tool_call_id").GetString().Should().Be("tool-1", "the answer uses the request's snake_case");
        result.GetProperty("result").GetString().Should().Be("Closed on Mondays.");
    }

    [Fact]
    public async Task SignedToolCall_TwoParameters_BindsBothArguments()
    {
        await using var server = await NativeServer.StartAsync(sample.Executable);

        var result = await AnswerAsync(server, "check_table", """{"guests":4,"time":"19:30"}""");

        result.GetProperty("result").GetString().Should().Be("A table for 4 is free at 19:30.");
    }

    [Fact]
    public async Task SignedToolCall_ArgumentOutOfRange_AnswersWithAnErrorNamingTheParameter()
    {
        await using var server = await NativeServer.StartAsync(sample.Executable);

        var result = await AnswerAsync(server, "check_table", """{"guests":40,"time":"19:30"}""");

        result.GetProperty("error").GetString().Should().Contain("'guests'").And.Contain("check_table");
    }

    [Fact]
    public async Task ToolCall_WrongSignature_Returns401()
    {
        await using var server = await NativeServer.StartAsync(sample.Executable);
        using var request = NativeServer.Signed(NativeServer.ToolCall("get_opening_hours", """{"day":"monday"}"""), secret: "not-the-secret");

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Publish_NativeAot_GivesNoTrimOrAotWarnings()
    {
        _ = sample.Executable;

        // The generator intercepts AddToolsFromAssemblyOf<T>() and registers the catalog's tools without scanning; nothing in
        // the app (tool registration, options, webhooks, signatures, schemas) may warn (docs/native-aot.md). The sample keeps
        // warnings as errors for the native compiler too, so a warning would also have failed the publish.
        sample.Warnings.Should().BeEmpty();
    }

    // Sends one signed tool call and returns the answer's only result.
    private static async Task<JsonElement> AnswerAsync(NativeServer server, string tool, string arguments)
    {
        using var request = NativeServer.Signed(NativeServer.ToolCall(tool, arguments));
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var answer = JsonDocument.Parse(body);
        return answer.RootElement.GetProperty("results")[0].Clone();
    }
}
