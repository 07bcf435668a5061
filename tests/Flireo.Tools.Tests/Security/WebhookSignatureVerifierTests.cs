using System.Text;
using Flireo.Tools.Security;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Security;

public class WebhookSignatureVerifierTests
{
    private const string Secret = "first-secret";
    private const string SecondSecret = "second-secret";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"message":{"type":"status-update"}}""");

    private readonly FakeTimeProvider _time = new(Now);

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private WebhookSignatureVerifier CreateVerifier(params string?[] secrets) => new(secrets, TimeSpan.FromMinutes(5), _time);

    [Fact]
    public void Verify_ValidPrefixedSignature_IsValid()
    {
        var timestamp = Timestamp(Now);

        var check = CreateVerifier(Secret).Verify(timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_BareHexSignature_IsValid()
    {
        var timestamp = Timestamp(Now);
        var bare = WebhookSignature.Sign(Secret, timestamp, Body)["sha256=".Length..];

        var check = CreateVerifier(Secret).Verify(timestamp, bare, Body);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_UppercaseHex_IsValid()
    {
        var timestamp = Timestamp(Now);
        var upper = "sha256=" + WebhookSignature.Sign(Secret, timestamp, Body)["sha256=".Length..].ToUpperInvariant();

        var check = CreateVerifier(Secret).Verify(timestamp, upper, Body);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_SecondSecret_IsValid()
    {
        var timestamp = Timestamp(Now);

        var check = CreateVerifier(Secret, null, "", SecondSecret).Verify(timestamp, WebhookSignature.Sign(SecondSecret, timestamp, Body), Body);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_ManySecrets_FindsTheLastOne()
    {
        var secrets = Enumerable.Range(0, 12).Select(i => $"secret-{i}").ToArray();
        var timestamp = Timestamp(Now);

        var check = CreateVerifier(secrets).Verify(timestamp, WebhookSignature.Sign("secret-11", timestamp, Body), Body);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_UnknownSecret_IsMismatch()
    {
        var timestamp = Timestamp(Now);

        var check = CreateVerifier(Secret).Verify(timestamp, WebhookSignature.Sign("other", timestamp, Body), Body);

        check.Should().Be(SignatureCheck.Mismatch);
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_IsMismatch()
    {
        var timestamp = Timestamp(Now);
        var signature = WebhookSignature.Sign(Secret, timestamp, Body);
        var changed = (byte[])Body.Clone();
        changed[^3] ^= 1;

        var check = CreateVerifier(Secret).Verify(timestamp, signature, changed);

        check.Should().Be(SignatureCheck.Mismatch);
    }

    [Fact]
    public void Verify_LargeBody_IsValidAndDetectsChanges()
    {
        var body = Encoding.UTF8.GetBytes(new string('a', 100_000));
        var timestamp = Timestamp(Now);
        var signature = WebhookSignature.Sign(Secret, timestamp, body);
        var verifier = CreateVerifier(Secret);

        var valid = verifier.Verify(timestamp, signature, body);
        body[50_000] = (byte)'b';
        var changed = verifier.Verify(timestamp, signature, body);

        valid.Should().Be(SignatureCheck.Valid);
        changed.Should().Be(SignatureCheck.Mismatch);
    }

    [Fact]
    public void Verify_TimestampOtherThanSigned_IsMismatch()
    {
        var signed = Timestamp(Now);
        var sent = Timestamp(Now.AddSeconds(1));

        var check = CreateVerifier(Secret).Verify(sent, WebhookSignature.Sign(Secret, signed, Body), Body);

        check.Should().Be(SignatureCheck.Mismatch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_NoSignature_IsMissingSignature(string? signature)
    {
        var check = CreateVerifier(Secret).Verify(Timestamp(Now), signature, Body);

        check.Should().Be(SignatureCheck.MissingSignature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_NoTimestamp_IsMissingTimestamp(string? timestamp)
    {
        var check = CreateVerifier(Secret).Verify(timestamp, WebhookSignature.Sign(Secret, "1700000000", Body), Body);

        check.Should().Be(SignatureCheck.MissingTimestamp);
    }

    [Theory]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("not-hex-at-all")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("c2hhMjU2PWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ==")]
    public void Verify_BadSignatureFormat_IsMalformedSignature(string signature)
    {
        var check = CreateVerifier(Secret).Verify(Timestamp(Now), signature, Body);

        check.Should().Be(SignatureCheck.MalformedSignature);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1700000000")]
    [InlineData("+1700000000")]
    [InlineData("1700000000.5")]
    [InlineData("1e9")]
    [InlineData("17000000000000000000000000")]
    [InlineData("٣")]
    public void Verify_NonNumericOrHugeTimestamp_IsMalformedTimestamp(string timestamp)
    {
        var check = CreateVerifier(Secret).Verify(timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body);

        check.Should().Be(SignatureCheck.MalformedTimestamp);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    [InlineData(86_400)]
    public void Verify_TimestampOutsideWindow_IsStale(int offsetSeconds)
    {
        var timestamp = Timestamp(Now.AddSeconds(offsetSeconds));

        var check = CreateVerifier(Secret).Verify(timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body);

        check.Should().Be(SignatureCheck.StaleTimestamp);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampAtWindowEdge_IsValid(int offsetSeconds)
    {
        var timestamp = Timestamp(Now.AddSeconds(offsetSeconds));

        var check = CreateVerifier(Secret).Verify(timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_MillisecondTimestamp_IsMalformed()
    {
        var timestamp = Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var check = CreateVerifier(Secret).Verify(timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body);

        check.Should().Be(SignatureCheck.MalformedTimestamp);
    }

    [Fact]
    public void Verify_ClockMovesOn_SameRequestBecomesStale()
    {
        var timestamp = Timestamp(Now);
        var signature = WebhookSignature.Sign(Secret, timestamp, Body);
        var verifier = CreateVerifier(Secret);

        var fresh = verifier.Verify(timestamp, signature, Body);
        _time.Advance(TimeSpan.FromMinutes(6));
        var later = verifier.Verify(timestamp, signature, Body);

        fresh.Should().Be(SignatureCheck.Valid);
        later.Should().Be(SignatureCheck.StaleTimestamp);
    }

    [Fact]
    public void Verify_NoSecrets_IsMismatch()
    {
        var timestamp = Timestamp(Now);
        var verifier = CreateVerifier();

        var check = verifier.Verify(timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body);

        verifier.HasSecrets.Should().BeFalse();
        check.Should().Be(SignatureCheck.Mismatch);
    }

    [Fact]
    public void Create_FromOptions_AcceptsMainAndAdditionalSecrets()
    {
        var options = new FlireoToolsOptions { WebhookSecret = Secret, TimestampTolerance = TimeSpan.FromSeconds(10) };
        options.AdditionalWebhookSecrets.Add(SecondSecret);
        var verifier = WebhookSignatureVerifier.Create(options, _time);
        var timestamp = Timestamp(Now);
        var late = Timestamp(Now.AddSeconds(-11));

        var first = verifier.Verify(timestamp, WebhookSignature.Sign(Secret, timestamp, Body), Body);
        var second = verifier.Verify(timestamp, WebhookSignature.Sign(SecondSecret, timestamp, Body), Body);
        var stale = verifier.Verify(late, WebhookSignature.Sign(Secret, late, Body), Body);

        first.Should().Be(SignatureCheck.Valid);
        second.Should().Be(SignatureCheck.Valid);
        stale.Should().Be(SignatureCheck.StaleTimestamp);
    }

    [Theory]
    [InlineData((int)SignatureCheck.MissingSignature, "X-Webhook-Signature")]
    [InlineData((int)SignatureCheck.MissingTimestamp, "X-Webhook-Timestamp")]
    [InlineData((int)SignatureCheck.MalformedSignature, "Malformed X-Webhook-Signature")]
    [InlineData((int)SignatureCheck.MalformedTimestamp, "Malformed X-Webhook-Timestamp")]
    [InlineData((int)SignatureCheck.StaleTimestamp, "window")]
    [InlineData((int)SignatureCheck.Mismatch, "does not match")]
    public void Describe_Failure_NamesTheProblem(int check, string expected)
    {
        var reason = WebhookSignatureVerifier.Describe((SignatureCheck)check);

        reason.Should().Contain(expected);
    }
}
