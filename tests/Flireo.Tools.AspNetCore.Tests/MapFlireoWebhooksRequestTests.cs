using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flireo.Tools.AspNetCore.Tests.Support;
using Flireo.Tools.Tests.Webhooks.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.AspNetCore.Tests;

public sealed class MapFlireoWebhooksRequestTests : IAsyncLifetime
{
    // Answers are written with relaxed escaping: the quotes in a reason are written as they are.
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private WebhookHost _host = null!;

    public async Task InitializeAsync() => _host = await WebhookHost.StartAsync(o =>
    {
        o.MaxRequestBodySize = 4096;
        o.MaxJsonDepth = 16;
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string json)
    {
        using var response = await _host.PostSignedAsync(json);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not json at all", "The body is not valid JSON.")]
    [InlineData("[1,2,3]", "The body must be a JSON object.")]
    [InlineData("""{"msg":{}}""", "The body has no 'message' object.")]
    [InlineData("""{"message":"tool-calls"}""", "The body has no 'message' object.")]
    [InlineData("""{"message":{"call":{}}}""", "'message.type' must be a non-empty string.")]
    [InlineData("""{"message":{"type":42}}""", "'message.type' must be a non-empty string.")]
    [InlineData("""{"message":{"type":"status-update","call":"c-1"}}""", "'call' must be an object.")]
    [InlineData("""{"message":{"type":"tool-calls","toolCallList":{"id":"t"}}}""", "'toolCallList' must be an array.")]
    [InlineData("""{"message":{"type":"tool-calls"}}""", "A tool-calls message needs a 'toolCallList' (or 'tool_call_list') array.")]
    [InlineData("""{"message":{"type":"tool-calls","tool_call_list":[{"id":5}]}}""", "toolCallList[0].id must be a non-empty string.")]
    public async Task Post_InvalidBody_Returns400WithShortReason(string json, string reason)
    {
        var (status, body) = await PostAsync(json);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Be(System.Text.Json.JsonSerializer.Serialize(new { error = reason }, RelaxedJson));
    }

    [Fact]
    public async Task Post_NestingDeeperThanTheLimit_Returns400()
    {
        var json = """{"message":{"type":"status-update","x":""" + new string('[', 20) + new string(']', 20) + "}}";

        var (status, body) = await PostAsync(json);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("deeper than 16");
    }

    [Fact]
    public async Task Post_EmptyBody_Returns400()
    {
        var (status, body) = await PostAsync(string.Empty);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("not valid JSON");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Post_WrongContentType_Returns415(string? contentType)
    {
        var request = _host.Signed(Bodies.StatusUpdate);
        request.Content!.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        using var response = await _host.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().Contain("application/json");
    }

    [Fact]
    public async Task Post_JsonWithCharset_Returns200()
    {
        var request = _host.Signed(Bodies.StatusUpdate);
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        using var response = await _host.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_ContentLengthAboveLimit_Returns413()
    {
        var json = """{"message":{"type":"status-update","pad":""" + "\"" + new string('x', 5000) + "\"}}";

        var (status, body) = await PostAsync(json);

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        body.Should().Contain("larger than 4096 bytes");
    }

    [Fact]
    public async Task Post_ChunkedBodyAboveLimit_Returns413()
    {
        var json = """{"message":{"type":"status-update","pad":""" + "\"" + new string('x', 10_000) + "\"}}";
        var request = _host.Signed(json);
        request.Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _host.SendAsync(request);

        request.Content.Headers.ContentLength.Should().BeNull();
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyWithinLimit_Returns200()
    {
        var json = """{"message":{"type":"status-update","pad":""" + "\"" + new string('x', 3000) + "\"}}";
        var request = _host.Signed(json);
        request.Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _host.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_EventHeaderDisagreesWithTheBody_IsHandledByTheBodysTypeAndLoggedAtDebug()
    {
        using var response = await _host.SendAsync(_host.Signed(Bodies.ToolCall("lookup_contact", "t-9", """{"query":"Jan"}"""), eventHeader: "status-update"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WebhookHost.ReadJsonAsync(response)).GetProperty("results")[0].GetProperty("tool_call_id").GetString().Should().Be("t-9");
        _host.Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4058)
            .Which.Should().Match<LogEntry>(e => e.Level == LogLevel.Debug && e.Message.Contains("says status-update but message.type is tool-calls"));
    }

    [Fact]
    public async Task Post_EventHeaderMatches_Returns200()
    {
        using var response = await _host.SendAsync(_host.Signed(Bodies.StatusUpdate, eventHeader: "status-update"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_UnknownType_Returns200EmptyObjectAndLogsOncePerType()
    {
        const string Json = """{"message":{"type":"transcript-update","call":{"id":"c-1"}}}""";

        using var first = await _host.PostSignedAsync(Json);
        using var second = await _host.PostSignedAsync(Json);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().Be("{}");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        _host.Logs.Entries.Where(e => e.EventId.Id == 4013).Should().ContainSingle()
            .Which.Message.Should().Contain("transcript-update");
    }

    [Fact]
    public async Task Get_Endpoint_Returns405()
    {
        using var response = await _host.Client.GetAsync("/flireo");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public sealed class MapFlireoWebhooksFailureTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_BodyStreamThrows_Returns400WithoutExceptionTextUnlessDetailed(bool detailed)
    {
        await using var host = await WebhookHost.StartAsync(
            o => o.IncludeDetailedErrors = detailed,
            map: app =>
            {
                app.Use((context, next) =>
                {
                    context.Request.Body = new ThrowingStream();
                    return next(context);
                });
                app.MapFlireoWebhooks();
            });

        using var response = await host.PostSignedAsync(Bodies.StatusUpdate);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.Should().StartWith("""{"error":"The webhook could not be processed.""");
        if (detailed)
        {
            body.Should().Contain("disk on fire");
        }
        else
        {
            body.Should().NotContain("disk on fire");
        }

        var entry = await host.Logs.WaitForAsync(e => e.EventId.Id == 4054);
        entry.Level.Should().Be(LogLevel.Error);
        entry.Exception!.Message.Should().Be("disk on fire");
    }

    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("disk on fire");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk on fire");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
