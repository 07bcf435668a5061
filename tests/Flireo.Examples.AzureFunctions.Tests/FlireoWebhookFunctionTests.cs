using System.Net;
using System.Text.Json;
using Flireo.Examples.AzureFunctions.Tests.Support;

namespace Flireo.Examples.AzureFunctions.Tests;

/// <summary>The Azure Functions host answers signed webhooks exactly like <c>MapFlireoWebhooks</c>: same checks, same codes, same bodies.</summary>
public sealed class FlireoWebhookFunctionTests : IDisposable
{
    private const string MenuCall = """{"message":{"type":"tool-calls","call":{"id":"c-1"},"toolCallList":[{"id":"t-1","type":"function","function":{"name":"get_menu","arguments":{"category":"Dessert"}}}]}}""";

    private readonly FunctionHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Webhook_SignedToolCall_Answers200WithTheToolResult()
    {
        var response = await _host.PostAsync(_host.Request(MenuCall));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Type").Should().Equal("application/json; charset=utf-8");
        var result = JsonDocument.Parse(response.ReadBody()).RootElement.GetProperty("results").EnumerateArray().Should().ContainSingle().Subject;
        result.GetProperty("toolCallId").GetString().Should().Be("t-1");
        result.GetProperty("result").EnumerateArray().Select(d => d.GetProperty("name").GetString()).Should().Equal("Dame blanche", "Apple pie");
    }

    [Fact]
    public async Task Webhook_ForgedSignature_Answers401WithoutRunningTheTool()
    {
        var response = await _host.PostAsync(_host.Request(MenuCall, secret: "forged-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.ReadBody().Should().Be("""{"error":"The signature does not match."}""");
    }

    [Fact]
    public async Task Webhook_Unsigned_Answers401()
    {
        var response = await _host.PostAsync(_host.Request(MenuCall, secret: null));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.ReadBody().Should().Be("""{"error":"Missing X-Webhook-Signature header."}""");
    }

    [Fact]
    public async Task Webhook_StaleTimestamp_Answers401()
    {
        var request = _host.Request(MenuCall);
        _host.Time.Advance(TimeSpan.FromMinutes(6));

        var response = await _host.PostAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.ReadBody().Should().Contain("outside the accepted window");
    }

    [Fact]
    public async Task Webhook_MalformedJson_Answers400()
    {
        var response = await _host.PostAsync(_host.Request("""{"message":{"type":"tool-calls","""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.ReadBody().Should().Be("""{"error":"The body is not valid JSON."}""");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Webhook_BodyOverTheLimit_Answers413(bool declareLength)
    {
        var json = """{"message":{"type":"status-update","pad":""" + "\"" + new string('x', (1024 * 1024) + 1) + "\"}}";

        var response = await _host.PostAsync(_host.Request(json, declareLength: declareLength));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.ReadBody().Should().Be("""{"error":"The body is larger than 1048576 bytes."}""");
    }

    [Fact]
    public async Task Webhook_WrongContentType_Answers415()
    {
        var response = await _host.PostAsync(_host.Request(MenuCall, contentType: "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Webhook_StatusUpdate_Answers200EmptyObject()
    {
        var response = await _host.PostAsync(_host.Request("""{"message":{"type":"status-update","status":"in-progress","call":{"id":"c-2"}}}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.ReadBody().Should().Be("{}");
    }

    [Fact]
    public async Task Tool_PerToolUrl_AnswersItsToolAndRefusesOthers()
    {
        const string TwoCalls = """{"message":{"type":"tool-calls","toolCallList":[{"id":"t-1","type":"function","function":{"name":"get_menu","arguments":{"category":"Dessert"}}},{"id":"t-2","type":"function","function":{"name":"transfer_to_staff","arguments":{}}}]}}""";

        var response = (TestHttpResponseData)await _host.Function().ToolAsync(_host.Request(TwoCalls, "/api/flireo/tools/get_menu"), "get_menu", CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = JsonDocument.Parse(response.ReadBody()).RootElement.GetProperty("results");
        results[0].GetProperty("result").GetArrayLength().Should().Be(2);
        results[1].TryGetProperty("error", out var error).Should().BeTrue();
        error.GetString().Should().Contain("transfer_to_staff");
    }

    [Fact]
    public void Handler_NoSecretOutsideDevelopment_RefusesToStart()
    {
        using var host = new FunctionHost(o => o.WebhookSecret = null);

        var act = host.Handler;

        act.Should().Throw<InvalidOperationException>().WithMessage("*Flireo:WebhookSecret*AllowUnsignedRequests*");
    }
}
