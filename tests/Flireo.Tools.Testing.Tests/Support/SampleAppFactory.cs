using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Testing.Tests.Support;

/// <summary>
/// Stands in for an app's own <c>Program</c>: a host with its own secret, bearer token and webhook path, built the way
/// <see cref="WebApplicationFactory{TEntryPoint}"/> builds an app under test.
/// </summary>
public sealed class SampleAppFactory : WebApplicationFactory<SampleAppFactory>
{
    public const string Path = "/hooks/flireo";

    public SampleAppFactory()
    {
        // A real app project gets its content root from the test project's reference to it; this test assembly plays the app.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FLIREO_TOOLS_TESTING_TESTS", AppContext.BaseDirectory);
    }

    public Probe Probe { get; } = new();

    protected override IHostBuilder CreateHostBuilder() => new HostBuilder();

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .ConfigureServices(services =>
        {
            services.AddRouting();
            services.AddSingleton(Probe);
            services.AddFlireoTools(o =>
                {
                    o.WebhookSecret = "the-production-secret";
                    o.BearerToken = "bearer-from-configuration";
                })
                .AddTools<SampleTools>()
                .AddAssistantRequestHandler<GreetingHandler>();
        })
        .Configure(app =>
        {
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapFlireoWebhooks(Path));
        });
}
