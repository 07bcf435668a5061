using System.Globalization;
using System.Text;
using Flireo.Tools.Security;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Security;

/// <summary>The public one-call verification beside <see cref="WebhookSignature.Sign"/>.</summary>
public sealed class WebhookSignatureVerifyTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"message":{"type":"tool-calls"}}""");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private string Now => _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Verify_WhatSignSigned_IsValid()
    {
        var timestamp = Now;

        var check = WebhookSignature.Verify("secret", timestamp, WebhookSignature.Sign("secret", timestamp, Body), Body, TimeSpan.FromMinutes(5), _time);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_SystemClockOverload_AcceptsAFreshSignature()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var check = WebhookSignature.Verify("secret", timestamp, WebhookSignature.Sign("secret", timestamp, Body), Body);

        check.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_OtherSecret_IsMismatchWithItsReason()
    {
        var timestamp = Now;

        var check = WebhookSignature.Verify("secret", timestamp, WebhookSignature.Sign("other", timestamp, Body), Body, TimeSpan.FromMinutes(5), _time);

        check.Should().Be(SignatureCheck.Mismatch);
        WebhookSignatureVerifier.Describe(check).Should().Be("The signature does not match.");
    }

    [Theory]
    [InlineData(299, SignatureCheck.Valid)]
    [InlineData(301, SignatureCheck.StaleTimestamp)]
    [InlineData(-301, SignatureCheck.StaleTimestamp)]
    public void Verify_TimestampWindow_IsTheToleranceEitherWay(int secondsAgo, SignatureCheck expected)
    {
        var timestamp = (_time.GetUtcNow().ToUnixTimeSeconds() - secondsAgo).ToString(CultureInfo.InvariantCulture);

        var check = WebhookSignature.Verify("secret", timestamp, WebhookSignature.Sign("secret", timestamp, Body), Body, WebhookSignature.DefaultTolerance, _time);

        check.Should().Be(expected);
    }

    [Fact]
    public void Verify_MissingHeaders_SaysWhichIsMissing()
    {
        WebhookSignature.Verify("secret", Now, null, Body, TimeSpan.FromMinutes(5), _time).Should().Be(SignatureCheck.MissingSignature);
        WebhookSignature.Verify("secret", null, "sha256=" + new string('0', 64), Body, TimeSpan.FromMinutes(5), _time).Should().Be(SignatureCheck.MissingTimestamp);
    }

    [Fact]
    public void Verify_EmptySecret_Throws()
    {
        var act = () => WebhookSignature.Verify(string.Empty, Now, "sha256=00", Body);

        act.Should().Throw<ArgumentException>();
    }
}
