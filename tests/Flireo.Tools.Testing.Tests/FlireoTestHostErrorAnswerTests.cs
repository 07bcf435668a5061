using Flireo.Tools.Protocol;
using Flireo.Tools.Testing.Tests.Support;

namespace Flireo.Tools.Testing.Tests;

/// <summary>The test kit reads each shape Flireo:ErrorAnswer can give an error item.</summary>
public sealed class FlireoTestHostErrorAnswerTests
{
    [Fact]
    public async Task CallTool_ToolReturnsError_ByDefaultTheBodyCarriesTheTextInResultAndErrorAndTheAnswerIsAnError()
    {
        await using var host = SampleHost.Create(new Probe());

        var answer = await host.CallToolAsync("closed");

        answer.Body.Should().Be("{\"results\":[{\"tool_call_id\":\"" + answer.ToolCallId + "\",\"result\":\"Sorry, we are closed today.\",\"error\":\"Sorry, we are closed today.\"}]}");
        answer.IsError.Should().BeTrue();
        answer.Error.Should().Be("Sorry, we are closed today.");
        answer.Result.Should().BeNull();
    }

    [Fact]
    public async Task CallTool_ErrorAnswerError_IsReadAsTheError()
    {
        await using var host = SampleHost.Create(new Probe(), flireo: o => o.ErrorAnswer = ErrorAnswer.Error);

        var answer = await host.CallToolAsync("closed");

        answer.Body.Should().NotContain("\"result\"");
        answer.Error.Should().Be("Sorry, we are closed today.");
    }

    [Fact]
    public async Task CallTool_ErrorAnswerResult_IsReadAsTheResultTheModelHears()
    {
        await using var host = SampleHost.Create(new Probe(), flireo: o => o.ErrorAnswer = ErrorAnswer.Result);

        var answer = await host.CallToolAsync("closed");

        answer.Body.Should().NotContain("\"error\"");
        answer.IsError.Should().BeFalse("with ErrorAnswer.Result the answer cannot tell an error from a result");
        answer.ResultAs<string>().Should().Be("Sorry, we are closed today.");
    }
}
