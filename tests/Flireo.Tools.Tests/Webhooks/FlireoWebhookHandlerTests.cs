using System.Globalization;
using System.Text;
using Flireo.Tools.Security;
using Flireo.Tools.Testing;
using Flireo.Tools.Tests.Webhooks.Support;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Flireo.Tools.Tests.Webhooks;

/// <summary>The transport-neutral handler on its own: the order of the checks, the answers and the startup policy, without HTTP.</summary>
public sealed class FlireoWebhookHandlerTests : IDisposable
{
    private const string Secret = "handler-secret";
    private const string EchoCall = """{"message":{"type":"tool-calls","toolCallList":[{"id":"t-1","type":"function","function":{"name":"echo","arguments":{"text":"hallo"}}}]}}""";

    private readonly TimerTrackingTimeProvider _time = TestClock.CreateTracking();
    private readonly CapturingLoggerProvider _logs = new();
    private ServiceProvider? _services;

    public void Dispose()
    {
        _services?.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task Handle_SignedToolCall_Answers200WithTheResult()
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request(EchoCall), CancellationToken.None);

        result.StatusCode.Should().Be(200);
        result.ContentType.Should().Be("application/json; charset=utf-8");
        Text(result).Should().Be("""{"results":[{"toolCallId":"t-1","result":"hallo"}]}""");
    }

    [Fact]
    public async Task Handle_WrongContentType_Answers415BeforeReadingTheBody()
    {
        var handler = Handler();
        var body = new CountingStream(EchoCall);

        using var result = await handler.HandleAsync(Request(EchoCall, contentType: "text/plain", body: body), CancellationToken.None);

        result.StatusCode.Should().Be(415);
        Text(result).Should().Be("""{"error":"The content type must be application/json."}""");
        body.Reads.Should().Be(0);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/vnd.flireo+json")]
    public async Task Handle_JsonContentTypes_AreAccepted(string contentType)
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request(EchoCall, contentType: contentType), CancellationToken.None);

        result.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task Handle_DeclaredLengthOverTheLimit_Answers413BeforeTheBearerCheckAndTheBody()
    {
        var handler = Handler(o =>
        {
            o.MaxRequestBodySize = 1024;
            o.BearerToken = "token";
        });
        var body = new CountingStream(EchoCall);

        using var result = await handler.HandleAsync(Request(EchoCall, body: body, contentLength: 2048), CancellationToken.None);

        result.StatusCode.Should().Be(413);
        Text(result).Should().Be("""{"error":"The body is larger than 1024 bytes."}""");
        body.Reads.Should().Be(0);
    }

    [Fact]
    public async Task Handle_UndeclaredBodyOverTheLimit_Answers413AfterReadingOnlyUpToTheLimit()
    {
        var handler = Handler(o => o.MaxRequestBodySize = 1024);
        var json = """{"message":{"type":"status-update","pad":""" + "\"" + new string('x', 100_000) + "\"}}";
        var body = new CountingStream(json);

        using var result = await handler.HandleAsync(Request(json, body: body, contentLength: null), CancellationToken.None);

        result.StatusCode.Should().Be(413);
        body.BytesRead.Should().BeLessThan(4096, "reading stops once the limit is passed");
    }

    [Fact]
    public async Task Handle_WrongBearerToken_Answers401BeforeReadingTheBody()
    {
        var handler = Handler(o => o.BearerToken = "token");
        var body = new CountingStream(EchoCall);

        using var result = await handler.HandleAsync(Request(EchoCall, body: body, authorization: "Bearer other"), CancellationToken.None);

        result.StatusCode.Should().Be(401);
        Text(result).Should().Be("""{"error":"Missing or invalid bearer token."}""");
        body.Reads.Should().Be(0);
    }

    [Fact]
    public async Task Handle_RightBearerTokenAndSignature_Answers200()
    {
        var handler = Handler(o => o.BearerToken = "token");

        using var result = await handler.HandleAsync(Request(EchoCall, authorization: "Bearer token"), CancellationToken.None);

        result.StatusCode.Should().Be(200);
    }

    [Theory]
    [InlineData("wrong-secret", "The signature does not match.")]
    [InlineData(null, "Missing X-Webhook-Signature header.")]
    public async Task Handle_BadSignature_Answers401WithTheReasonAndCountsIt(string? secret, string reason)
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request(EchoCall, secret: secret), CancellationToken.None);

        result.StatusCode.Should().Be(401);
        Text(result).Should().Be($$"""{"error":"{{reason}}"}""");
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4052)
            .Which.Message.Should().Be($"Rejected a Flireo webhook on /hooks with 401: {reason}");
    }

    [Fact]
    public async Task Handle_RequestWithoutPath_LogsTheEndpointGivenAtCreation()
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request(EchoCall, secret: "wrong-secret", path: null), CancellationToken.None);

        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4052)
            .Which.Message.Should().StartWith("Rejected a Flireo webhook on /flireo-test with 401");
    }

    [Fact]
    public async Task Handle_MalformedJson_Answers400()
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request("""{"message":"""), CancellationToken.None);

        result.StatusCode.Should().Be(400);
        Text(result).Should().Be("""{"error":"The body is not valid JSON."}""");
    }

    [Theory]
    [InlineData(true, 413, "The body is larger than 1048576 bytes.")]
    [InlineData(false, 400, "The request body could not be read.")]
    public async Task Handle_HostBodyError_AnswersTheMatchingRefusal(bool tooLarge, int status, string reason)
    {
        var handler = Handler();
        var body = new FailingStream(new WebhookBodyException("host limit", tooLarge, null));

        using var result = await handler.HandleAsync(Request(EchoCall, body: body), CancellationToken.None);

        result.StatusCode.Should().Be(status);
        Text(result).Should().Be($$"""{"error":"{{reason}}"}""");
        _logs.Entries.Should().NotContain(e => e.EventId.Id == 4054, "a host's body error is a refusal, not a failure");
    }

    [Fact]
    public async Task Handle_BodyStreamThrows_AnswersASafe400AndLogsTheFailure()
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request(EchoCall, body: new FailingStream(new InvalidOperationException("disk on fire"))), CancellationToken.None);

        result.StatusCode.Should().Be(400);
        Text(result).Should().Be("""{"error":"The webhook could not be processed."}""");
        var entry = _logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4054).Subject;
        entry.Level.Should().Be(LogLevel.Error);
        entry.Exception!.Message.Should().Be("disk on fire");
    }

    [Fact]
    public async Task Handle_CallerGone_ThrowsOperationCanceledAndLogsTheAbort()
    {
        var handler = Handler();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var act = async () => await handler.HandleAsync(Request(EchoCall), gone.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4057);
    }

    [Fact]
    public async Task Handle_PerToolName_RefusesCallsForOtherTools()
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request(EchoCall, toolName: "shout"), CancellationToken.None);

        result.StatusCode.Should().Be(200);
        Text(result).Should().Contain("\"toolCallId\":\"t-1\"").And.Contain("\"error\":").And.NotContain("hallo");
    }

    [Fact]
    public async Task Handle_StatusUpdate_Answers200EmptyObject()
    {
        var handler = Handler();

        using var result = await handler.HandleAsync(Request("""{"message":{"type":"status-update","status":"ended","call":{"id":"c-1"}}}"""), CancellationToken.None);

        result.StatusCode.Should().Be(200);
        Text(result).Should().Be("{}");
    }

    [Fact]
    public async Task Result_Disposed_BodyCannotBeRead()
    {
        var handler = Handler();
        var result = await handler.HandleAsync(Request(EchoCall), CancellationToken.None);

        result.Dispose();

        var act = () => result.Body;
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Create_NoSecretOutsideDevelopment_ThrowsNamingTheSettingsAndTheEndpoint()
    {
        var act = () => Handler(o => o.WebhookSecret = null);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("No Flireo webhook secret is configured, so anyone could call the webhook endpoint /flireo-test. Set Flireo:WebhookSecret*AllowUnsignedRequests*");
    }

    [Fact]
    public void Services_NoSecret_ResolvingTheRegisteredHandlerThrows()
    {
        var services = new ServiceCollection();
        services.AddFlireoTools(o => o.WebhookSecret = null).AddTools<EchoTools>();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<FlireoWebhookHandler>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*could call the webhook endpoint. Set Flireo:WebhookSecret*");
    }

    [Fact]
    public async Task Create_NoSecretButAllowUnsigned_AcceptsUnsignedAndWarns()
    {
        var handler = Handler(o =>
        {
            o.WebhookSecret = null;
            o.AllowUnsignedRequests = true;
        });

        using var result = await handler.HandleAsync(Request(EchoCall, secret: null), CancellationToken.None);

        result.StatusCode.Should().Be(200);
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4056).Which.Message.Should().Contain("/flireo-test accepts unsigned webhooks");
    }

    [Fact]
    public void Create_WithoutAddFlireoTools_ThrowsNamingTheMissingCall()
    {
        using var provider = new ServiceCollection().BuildServiceProvider();

        var act = () => FlireoWebhookHandler.Create(provider);

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddFlireoTools*");
    }

    private static string Text(WebhookResult result) => Encoding.UTF8.GetString(result.Body.Span);

    private FlireoWebhookHandler Handler(Action<FlireoToolsOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddFlireoTools(o =>
        {
            o.WebhookSecret = Secret;
            options?.Invoke(o);
        }).AddTools<EchoTools>();
        _services = services.BuildServiceProvider();
        return FlireoWebhookHandler.Create(_services, "/flireo-test");
    }

    private WebhookRequest Request(string json, string? secret = Secret, string contentType = "application/json", Stream? body = null, long? contentLength = -1, string? authorization = null, string? toolName = null, string? path = "/hooks")
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase) { [WebhookSignature.TimestampHeader] = timestamp };
        if (secret is not null)
        {
            headers[WebhookSignature.SignatureHeader] = WebhookSignature.Sign(secret, timestamp, bytes);
        }

        if (authorization is not null)
        {
            headers["Authorization"] = authorization;
        }

        return new WebhookRequest(body ?? new MemoryStream(bytes, writable: false), contentType, new DictionaryHeaders(headers))
        {
            ContentLength = contentLength == -1 ? bytes.Length : contentLength,
            ToolName = toolName,
            Path = path,
        };
    }

    public sealed class EchoTools
    {
        [FlireoTool("echo")]
        public static string Echo(string text) => text;

        [FlireoTool("shout")]
        public static string Shout(string text) => text.ToUpperInvariant();
    }

    private sealed class DictionaryHeaders(Dictionary<string, StringValues> headers) : IWebhookHeaders
    {
        public StringValues GetValues(string name) => headers.TryGetValue(name, out var values) ? values : StringValues.Empty;
    }

    /// <summary>A body that counts how often and how much it was read.</summary>
    private sealed class CountingStream(string json) : MemoryStream(Encoding.UTF8.GetBytes(json), writable: false)
    {
        public int Reads { get; private set; }

        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 512)], cancellationToken);
            BytesRead += read;
            return read;
        }
    }

    private sealed class FailingStream(Exception exception) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(exception);
    }
}
