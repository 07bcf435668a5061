using Flireo.Tools.Reliability.Tests.Support;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Reliability.Tests.HostileInput;

/// <summary>Text no .NET string can hold (bytes that are not UTF-8, escaped lone surrogates) is the caller's mistake, answered as such.</summary>
public sealed class UndecodableTextTests
{
    [Fact]
    public async Task Endpoint_InvalidUtf8BytesInAsyncToolArguments_Answers400AndLogsNoFailure()
    {
        var errors = new ErrorLogCollector();
        await using var host = CreateHost(errors);
        byte[] body =
        [
            .. """{"message":{"type":"tool-calls","tool_call_list":[{"id":"t1","function":{"name":"schedule_callback","arguments":{"customer":"00000000-0000-0000-0000-000000000001","at":"2026-02-01T10:00:00Z","note":"caf"""u8,
            0xC0, 0xAF,
            .. "\"}}}]}}"u8,
        ];

        var (status, answer) = await host.SendSignedBytesAsync(body);

        status.Should().Be(400);
        answer.Should().Be("""{"error":"The body is not valid UTF-8."}""");
        errors.Errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"\udfff":1,"values":[1]}""")]
    [InlineData("""{"values":[1],"\ud800x":true}""")]
    [InlineData("\"{\\\"values\\\":[1],\\\"\\\\ud800\\\":1}\"")]
    [InlineData("\"\\ud800{}\"")]
    public async Task Endpoint_LoneSurrogateEscapeInArguments_AnswersInvalidArgumentsAndLogsNoFailure(string arguments)
    {
        var errors = new ErrorLogCollector();
        await using var host = CreateHost(errors);
        var body = """{"message":{"type":"tool-calls","tool_call_list":[{"id":"t1","function":{"name":"count","arguments":""" + arguments + "}}]}}";

        var answer = await host.SendToolCallsAsync(body);

        answer.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        answer.Results.Should().ContainSingle().Which.Error.Should().Be("The arguments for tool 'count' contain text that is not valid Unicode.");
        errors.Errors.Should().BeEmpty();
    }

    private static FlireoTestHost CreateHost(ErrorLogCollector errors) => FlireoTestHost.Create(services =>
    {
        services.AddLogging(logging => logging.AddProvider(errors));
        services.AddFlireoTools().AddTools<HostileTools>();
    });
}
