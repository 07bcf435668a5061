using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Flireo.Tools.Hosting.Tests;

/// <summary>The builder the self-hosted server starts from (the slim one plus what the server uses): HTTPS from configuration, HTTP/3 only when asked for.</summary>
public sealed class FlireoToolServerBuilderTests
{
    private static readonly string SampleTools = typeof(FlireoToolServerBuilderTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleTools").Value!;

    [Fact]
    public async Task Server_HttpsUrlWithCertificateFromConfiguration_ServesOverTls()
    {
        var folder = Directory.CreateTempSubdirectory("flireo-https-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var path = Path.Combine(folder.FullName, "server.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
            string[] args =
            [
                "--environment", "Production",
                "--urls", "https://127.0.0.1:0",
                "--Kestrel:Certificates:Default:Path=" + path,
                "--Kestrel:Certificates:Default:Password=pfx-password",
                "--Flireo:WebhookSecret=https-secret",
                "--Flireo:Server:Queue=Memory",
            ];
            var options = new FlireoToolServerOptions();
            options.ToolSources.Add(SampleTools);
            await using var app = FlireoToolServer.CreateApp(args, options);
            await app.StartAsync();
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.Single()) };

            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

            app.Urls.Single().Should().StartWith("https://");
            health.StatusCode.Should().Be(HttpStatusCode.OK);
            await app.StopAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Kestrel:Endpoints:Web:Protocols=Http1AndHttp2AndHttp3", true)]
    [InlineData("Kestrel:EndpointDefaults:Protocols=http3", true)]
    [InlineData("Kestrel:EndpointDefaults:Protocols=Http1AndHttp2", false)]
    [InlineData("Kestrel:Endpoints:Web:Url=https://0.0.0.0:8443", false)]
    [InlineData("Flireo:Server:Path=/Http3", false)]
    public void AsksForHttp3_OnlyWhenKestrelProtocolsNameIt(string setting, bool expected)
    {
        var pair = setting.Split('=', 2);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(pair[0], pair[1])]).Build();

        FlireoToolServer.AsksForHttp3(configuration).Should().Be(expected);
    }
}
