using Flireo.Tools.Server.Development;

namespace Flireo.Tools.Server.Tests.Development;

public sealed class DevelopmentBannerTests
{
    [Theory]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://+:80/", "http://localhost:80")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    public void LocalUrl_WildcardHost_BecomesLocalhost(string address, string expected)
    {
        var url = DevelopmentBanner.LocalUrl([address]);

        url.Should().Be(expected);
    }

    [Fact]
    public void LocalUrl_HttpAndHttps_PrefersHttp()
    {
        var url = DevelopmentBanner.LocalUrl(["https://localhost:5001", "http://localhost:5000"]);

        url.Should().Be("http://localhost:5000");
    }

    [Fact]
    public void Sign_KnownInput_MatchesFlireoScheme()
    {
        // HMAC-SHA256("secret", "1700000000.{}") in lowercase hex, as computed by `openssl dgst -sha256 -hmac secret`.
        var signature = WebhookSigner.Sign("secret", "1700000000", "{}");

        signature.Should().Be(Tests.TestSupport.TestWebhooks.Sign("secret", "1700000000", "{}")).And.MatchRegex("^sha256=[0-9a-f]{64}$");
    }
}
