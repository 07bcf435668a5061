using Flireo.Tools.Hosting.Development;

namespace Flireo.Tools.Hosting.Tests.Development;

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
    public void Write_SecretFromConfiguration_SignAfreshLineHoldsTheSecretNotAShellVariable()
    {
        var catalog = ToolCatalog.Create([typeof(BannerTools)]);
        var output = new StringWriter();

        DevelopmentBanner.Write(output, ["http://127.0.0.1:5080"], "/flireo", null, catalog, "configured-secret-value", secretWasGenerated: false, DateTimeOffset.UnixEpoch);

        var text = output.ToString();
        text.Should().Contain("Webhook secret: from configuration").And.Contain("X-Webhook-Signature: sha256=");
        var signAfresh = text.Split('\n').Single(l => l.Contains("openssl dgst", StringComparison.Ordinal));
        signAfresh.Should().Contain("-hmac 'configured-secret-value'", "a pasted line must work in a shell where no variable is set")
            .And.NotContain("$Flireo__WebhookSecret");
    }

    [Fact]
    public void SampleBody_ToolWithExample_SendsTheExampleArguments()
    {
        var catalog = ToolCatalog.Create([typeof(BannerTools), typeof(ExampleTools)]);

        var body = DevelopmentBanner.SampleBody(catalog, DateTimeOffset.UnixEpoch);

        body.Should().Contain("\"name\":\"find_table\"").And.Contain("\"arguments\":{\"date\":\"2030-06-01\",\"guests\":2}");
    }

    [Fact]
    public void SampleBody_OnlyToolsWithRequiredParameters_PrefersOneWithAValidExample()
    {
        var catalog = ToolCatalog.Create([typeof(RequiredOnlyTools)]);

        var body = DevelopmentBanner.SampleBody(catalog, DateTimeOffset.UnixEpoch);

        body.Should().Contain("\"name\":\"lookup_order\"", "made-up arguments for 'a_call' (one required parameter) may fail its checks; the example will not")
            .And.Contain("\"orderNumber\":\"A-1001\"");
    }

    [Fact]
    public void CatalogCreate_ExampleNotAJsonObject_IsAStartupProblem()
    {
        var act = () => ToolCatalog.Create([typeof(BadExampleTools)]);

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("*Example must be the tool's arguments as a JSON object*");
    }

    public sealed class ExampleTools
    {
        [FlireoTool("find_table", Description = "Finds a table.", Example = """{"date":"2030-06-01","guests":2}""")]
        public string FindTable(DateOnly date, int guests) => $"{date} {guests}";
    }

    public sealed class RequiredOnlyTools
    {
        [FlireoTool("a_call", Description = "Calls.")]
        public string Call(string phone) => phone;

        [FlireoTool("lookup_order", Description = "Looks an order up.", Example = """{"orderNumber":"A-1001","includeLines":true}""")]
        public string LookupOrder(string orderNumber, bool includeLines) => orderNumber + includeLines;
    }

    public sealed class BadExampleTools
    {
        [FlireoTool("broken", Description = "Broken example.", Example = "[1, 2]")]
        public string Broken(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Write_GeneratedSecret_IsPrintedWithASignedCurlForTheSimplestSyncTool()
    {
        var catalog = ToolCatalog.Create([typeof(BannerTools)]);
        var output = new StringWriter();

        DevelopmentBanner.Write(output, ["http://[::]:8080"], "/flireo", null, catalog, "dev_0123", secretWasGenerated: true, DateTimeOffset.UnixEpoch);

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
