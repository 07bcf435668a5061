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
    public void Write_SecretFromConfiguration_IsNeverPrinted()
    {
        var catalog = ToolCatalog.Create([typeof(BannerTools)]);
        var output = new StringWriter();

        DevelopmentBanner.Write(output, ["http://127.0.0.1:5080"], "/flireo", catalog, "configured-secret-value", secretWasGenerated: false, DateTimeOffset.UnixEpoch);

        output.ToString().Should().NotContain("configured-secret-value").And.Contain("from configuration (not shown)").And.Contain("X-Webhook-Signature: sha256=");
    }

    [Fact]
    public void Write_GeneratedSecret_IsPrintedWithASignedCurlForTheSimplestSyncTool()
    {
        var catalog = ToolCatalog.Create([typeof(BannerTools)]);
        var output = new StringWriter();

        DevelopmentBanner.Write(output, ["http://[::]:8080"], "/flireo", catalog, "dev_0123", secretWasGenerated: true, DateTimeOffset.UnixEpoch);

        var text = output.ToString();
        text.Should().Contain("Webhook secret: dev_0123").And.Contain("curl -sS 'http://localhost:8080/flireo'");
        text.Should().Contain("\"name\":\"opening_hours\"", "the sync tool with the fewest required parameters is the sample");
    }

    public sealed class BannerTools
    {
        [FlireoTool("book", Description = "Books.")]
        public string Book(string name, int guests) => name + guests;

        [FlireoTool("opening_hours", Description = "Opening hours.")]
        public string OpeningHours() => "9-17";

        [FlireoTool("notify", Async = true, Description = "Notifies.")]
        public void Notify() { }
    }
}
