using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Reliability.Tests.Support;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Reliability.Tests.Security;

/// <summary>
/// The signature matrix: missing, empty, short, long, doubled and non-hex signatures, prefix variants, stale, future,
/// signed, padded and huge timestamps, the edges of the window, several header values, a body changed at every byte,
/// replays inside and outside the window, and secret rotation.
/// </summary>
public sealed class SignatureMatrixTests : IAsyncLifetime
{
    private const string NewSecret = "new-secret-2026";
    private const string OldSecret = "old-secret-2025";
    private const string Body = """{"message":{"type":"tool-calls","call":{"id":"call-1"},"tool_call_list":[{"id":"tc-1","function":{"name":"count_runs","arguments":{}}}]}}""";

    private FlireoTestHost _host = null!;

    public Task InitializeAsync()
    {
        CountingTools.Reset();
        _host = FlireoTestHost.Create(
            services => services.AddFlireoTools().AddTools<CountingTools>(),
            options =>
            {
                options.WebhookSecret = NewSecret;
                options.StartTime = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
                options.Settings["Flireo:AdditionalWebhookSecrets:0"] = OldSecret;
            });
        return _host.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, Func<string, string>, string> SignatureVariants => new()
    {
        { "65 hex digits", s => s + "0", "Malformed X-Webhook-Signature header." },
        { "128 hex digits (two signatures glued)", s => s + s[7..], "Malformed X-Webhook-Signature header." },
        { "10,000 hex digits", _ => "sha256=" + new string('a', 10_000), "Malformed X-Webhook-Signature header." },
        { "63 hex digits", s => s[..^1], "Malformed X-Webhook-Signature header." },
        { "64 characters, not hex", _ => "sha256=" + new string('g', 64), "Malformed X-Webhook-Signature header." },
        { "hex with a space inside", s => s[..20] + " " + s[21..], "Malformed X-Webhook-Signature header." },
        { "base64 of the digest", s => "sha256=" + Convert.ToBase64String(Convert.FromHexString(s[7..])), "Malformed X-Webhook-Signature header." },
        { "sha1= prefix", s => "sha1=" + s[7..], "Malformed X-Webhook-Signature header." },
        { "sha256: prefix", s => "sha256:" + s[7..], "Malformed X-Webhook-Signature header." },
        { "prefix twice", s => "sha256=" + s, "Malformed X-Webhook-Signature header." },
        { "valid digest, last digit changed", s => s[..^1] + (s[^1] == '0' ? '1' : '0'), "The signature does not match." },
        { "valid digest, first digit changed", s => "sha256=" + (s[7] == '0' ? '1' : '0') + s[8..], "The signature does not match." },
        { "all zeros", _ => "sha256=" + new string('0', 64), "The signature does not match." },
    };

    public static TheoryData<string, string[], string[], string> MissingHeaderVariants => new()
    {
        { "no signature header", [], ["now"], "Missing X-Webhook-Signature header." },
        { "empty signature", [""], ["now"], "Missing X-Webhook-Signature header." },
        { "signature of spaces", ["   "], ["now"], "Missing X-Webhook-Signature header." },
        { "prefix without digest", ["sha256="], ["now"], "Malformed X-Webhook-Signature header." },
        { "no timestamp header", ["valid"], [], "Missing X-Webhook-Timestamp header." },
        { "empty timestamp", ["valid"], [""], "Missing X-Webhook-Timestamp header." },
        { "neither header", [], [], "Missing X-Webhook-Signature header." },
    };

    public static TheoryData<string, int, int> WindowEdges => new()
    {
        { "300 s old (the edge of the window)", -300, 200 },
        { "301 s old", -301, 401 },
        { "ten minutes old", -600, 401 },
        { "a day old", -86_400, 401 },
        { "300 s ahead (the edge of the window)", 300, 200 },
        { "301 s ahead", 301, 401 },
        { "a day ahead", 86_400, 401 },
    };

    public static TheoryData<string, Func<string, string>> AcceptedSignatureVariants => new()
    {
        { "SHA256= in capitals", s => "SHA256=" + s[7..] },
        { "upper-case hex", s => "sha256=" + s[7..].ToUpperInvariant() },
        { "surrounding spaces", s => "  " + s + " " },
        { "bare hex", s => s[7..] },
    };

    public static TheoryData<string, Func<long, string>, string> TimestampVariants => new()
    {
        { "negative", now => "-" + now.ToString(CultureInfo.InvariantCulture), "Malformed X-Webhook-Timestamp header." },
        { "with a plus sign", now => "+" + now.ToString(CultureInfo.InvariantCulture), "Malformed X-Webhook-Timestamp header." },
        { "milliseconds", now => (now * 1000).ToString(CultureInfo.InvariantCulture), "Malformed X-Webhook-Timestamp header." },
        { "long.MaxValue", _ => long.MaxValue.ToString(CultureInfo.InvariantCulture), "Malformed X-Webhook-Timestamp header." },
        { "a thousand digits", _ => new string('9', 1000), "Malformed X-Webhook-Timestamp header." },
        { "hexadecimal", now => "0x" + now.ToString("x", CultureInfo.InvariantCulture), "Malformed X-Webhook-Timestamp header." },
        { "ISO 8601", now => DateTimeOffset.FromUnixTimeSeconds(now).ToString("O", CultureInfo.InvariantCulture), "Malformed X-Webhook-Timestamp header." },
        { "zero", _ => "0", "The webhook timestamp is outside the accepted window." },
        { "one hour ahead", now => (now + 3600).ToString(CultureInfo.InvariantCulture), "The webhook timestamp is outside the accepted window." },
        { "twelve digits far ahead", _ => "999999999999", "The webhook timestamp is outside the accepted window." },
    };

    [Theory]
    [MemberData(nameof(SignatureVariants))]
    public async Task Post_SignatureVariant_Returns401WithTheReason(string variant, Func<string, string> change, string reason)
    {
        var (timestamp, signature) = Sign(NewSecret, Now());

        var answer = await SendAsync([change(signature)], [timestamp]);

        answer.Should().Be((401, reason), variant);
        CountingTools.Runs.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(AcceptedSignatureVariants))]
    public async Task Post_EquivalentSignatureSpelling_Returns200(string variant, Func<string, string> change)
    {
        var (timestamp, signature) = Sign(NewSecret, Now());

        var answer = await SendAsync([change(signature)], [timestamp]);

        answer.Status.Should().Be(200, variant);
    }

    [Theory]
    [MemberData(nameof(TimestampVariants))]
    public async Task Post_TimestampVariantSignedAsSent_Returns401WithTheReason(string variant, Func<long, string> timestampFor, string reason)
    {
        var (timestamp, signature) = Sign(NewSecret, timestampFor(Now()));

        var answer = await SendAsync([signature], [timestamp]);

        answer.Should().Be((401, reason), variant);
    }

    [Theory]
    [MemberData(nameof(MissingHeaderVariants))]
    public async Task Post_MissingOrEmptyHeader_Returns401WithTheReason(string variant, string[] signatures, string[] timestamps, string reason)
    {
        var (timestamp, signature) = Sign(NewSecret, Now());

        var answer = await SendAsync(
            [.. signatures.Select(s => s == "valid" ? signature : s)],
            [.. timestamps.Select(t => t == "now" ? timestamp : t)]);

        answer.Should().Be((401, reason), variant);
        CountingTools.Runs.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(WindowEdges))]
    public async Task Post_TimestampAtOrBeyondTheEdgeOfTheWindow_IsAcceptedUpTo300SecondsEitherWay(string variant, int offsetSeconds, int expected)
    {
        var (timestamp, signature) = Sign(NewSecret, Now() + offsetSeconds);

        var answer = await SendAsync([signature], [timestamp]);

        answer.Status.Should().Be(expected, variant);
        if (expected == 401)
        {
            answer.Body.Should().Be("The webhook timestamp is outside the accepted window.");
        }
    }

    [Fact]
    public async Task Post_BodyChangedAtAnyOneByteAfterSigning_Returns401AtEveryPositionAndNeverRunsTheTool()
    {
        var (timestamp, signature) = Sign(NewSecret, Now());
        var original = Encoding.UTF8.GetBytes(Body);
        var answers = new List<(int Status, string Body)>();

        for (var i = 0; i < original.Length; i++)
        {
            var changed = (byte[])original.Clone();
            changed[i] ^= 0x01;
            answers.Add(await SendAsync([signature], [timestamp], changed));
        }

        answers.Add(await SendAsync([signature], [timestamp], [.. original, (byte)'\n']));
        answers.Add(await SendAsync([signature], [timestamp], original[..^1]));

        answers.Should().HaveCount(original.Length + 2).And.AllSatisfy(a => a.Should().Be((401, "The signature does not match.")));
        CountingTools.Runs.Should().Be(0);
    }

    [Fact]
    public async Task Post_TimestampWithSpacesSignedAsSent_IsVerifiedWithTheTrimmedValueAndFails()
    {
        var (timestamp, signature) = Sign(NewSecret, " " + Now().ToString(CultureInfo.InvariantCulture) + " ");

        var answer = await SendAsync([signature], [timestamp]);

        answer.Should().Be((401, "The signature does not match."));
    }

    [Fact]
    public async Task Post_TwoSignatureHeadersOneValid_Returns401BecauseNoListIsAccepted()
    {
        var (timestamp, signature) = Sign(NewSecret, Now());

        var answer = await SendAsync(["sha256=" + new string('0', 64), signature], [timestamp]);

        answer.Should().Be((401, "Malformed X-Webhook-Signature header."));
    }

    [Fact]
    public async Task Post_TwoTimestampHeaders_Returns401()
    {
        var (timestamp, signature) = Sign(NewSecret, Now());

        var answer = await SendAsync([signature], [timestamp, timestamp]);

        answer.Should().Be((401, "Malformed X-Webhook-Timestamp header."));
    }

    [Fact]
    public async Task Post_SignedWithTheOldOrTheNewSecretDuringRotation_BothAccepted()
    {
        var (newTimestamp, newSignature) = Sign(NewSecret, Now());
        var (oldTimestamp, oldSignature) = Sign(OldSecret, Now());

        var signedNew = await SendAsync([newSignature], [newTimestamp]);
        var signedOld = await SendAsync([oldSignature], [oldTimestamp]);

        signedNew.Status.Should().Be(200);
        signedOld.Status.Should().Be(200);
    }

    [Fact]
    public async Task Post_SignedWithTheOldSecretAfterRotationEnded_Returns401()
    {
        await using var rotated = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<CountingTools>(), options => options.WebhookSecret = NewSecret);
        var timestamp = rotated.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = Request([SignedWebhooks.Signature(OldSecret, timestamp, Encoding.UTF8.GetBytes(Body))], [timestamp]);

        using var response = await rotated.Client.SendAsync(request);

        ((int)response.StatusCode).Should().Be(401);
    }

    [Fact]
    public async Task Post_ReplayInsideTheWindow_IsAnsweredFromTheFirstOutcomeWithoutRunningTheToolAgain()
    {
        var (timestamp, signature) = Sign(NewSecret, Now());
        var first = await SendAsync([signature], [timestamp]);
        _host.Time.Advance(TimeSpan.FromMinutes(4));

        var replay = await SendAsync([signature], [timestamp]);

        first.Status.Should().Be(200);
        replay.Should().Be(first);
        CountingTools.Runs.Should().Be(1);
    }

    [Fact]
    public async Task Post_ReplayJustOutsideTheWindow_Returns401AndDoesNotRunTheTool()
    {
        var (timestamp, signature) = Sign(NewSecret, Now());
        var first = await SendAsync([signature], [timestamp]);
        _host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var replay = await SendAsync([signature], [timestamp]);

        first.Status.Should().Be(200);
        replay.Should().Be((401, "The webhook timestamp is outside the accepted window."));
        CountingTools.Runs.Should().Be(1);
    }

    private long Now() => _host.Time.GetUtcNow().ToUnixTimeSeconds();

    private static (string Timestamp, string Signature) Sign(string secret, long timestamp) => Sign(secret, timestamp.ToString(CultureInfo.InvariantCulture));

    private static (string Timestamp, string Signature) Sign(string secret, string timestamp) => (timestamp, SignedWebhooks.Signature(secret, timestamp, Encoding.UTF8.GetBytes(Body)));

    private async Task<(int Status, string Body)> SendAsync(string[] signatures, string[] timestamps, byte[]? body = null)
    {
        using var request = Request(signatures, timestamps, body);
        using var response = await _host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        return status == 200 ? (status, text) : (status, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!);
    }

    private static HttpRequestMessage Request(string[] signatures, string[] timestamps, byte[]? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/flireo") { Content = new ByteArrayContent(body ?? Encoding.UTF8.GetBytes(Body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (timestamps.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Webhook-Timestamp", timestamps);
        }

        if (signatures.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Webhook-Signature", signatures);
        }

        return request;
    }

    /// <summary>A tool that counts how often it ran, to show a rejected or replayed webhook does not run it.</summary>
    public sealed class CountingTools
    {
        private static int _runs;

        public static int Runs => Volatile.Read(ref _runs);

        public static void Reset() => Volatile.Write(ref _runs, 0);

        [FlireoTool("count_runs")]
        public static int CountRuns() => Interlocked.Increment(ref _runs);
    }
}
