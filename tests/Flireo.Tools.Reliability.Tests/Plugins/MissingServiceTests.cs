using Flireo.Tools.Reliability.Tests.Support;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Reliability.Tests.Plugins;

/// <summary>
/// A tool class whose constructor needs a service nobody registered: in Development the app refuses to start and names
/// the service; in Production (no build-time validation) each call is an error result with a log naming the service,
/// and the app keeps serving its other tools.
/// </summary>
public sealed class MissingServiceTests
{
    [Fact]
    public void Startup_ToolClassNeedsAnUnregisteredServiceInDevelopment_FailsNamingTheServiceAndTheToolClass()
    {
        var start = () => FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<CrmTools>(), options => options.EnvironmentName = "Development");

        start.Should().Throw<AggregateException>()
            .WithInnerException<InvalidOperationException>()
            .WithMessage($"*Unable to resolve service for type '*{nameof(ICrm)}' while attempting to activate '*{nameof(CrmTools)}'*");
    }

    [Fact]
    public async Task Webhook_ToolClassNeedsAnUnregisteredServiceInProduction_AnswersErrorResultLogsTheServiceAndKeepsServing()
    {
        var errors = new ErrorLogCollector();
        await using var host = FlireoTestHost.Create(
            services =>
            {
                services.AddLogging(logging => logging.AddProvider(errors));
                services.AddFlireoTools().AddTools<CrmTools>().AddTools<HostileInput.HostileTools>();
            },
            options => options.EnvironmentName = "Production");

        var first = await host.CallToolAsync("crm_lookup", new { phone = "+31850000000" });
        var second = await host.CallToolAsync("crm_lookup", new { phone = "+31850000001" });
        var other = await host.CallToolAsync("echo", new { text = "still here" });

        first.Error.Should().Be("The tool 'crm_lookup' failed. Please try again later.");
        second.Error.Should().Be(first.Error);
        other.Error.Should().BeNull();
        errors.Errors.Should().HaveCount(2).And.AllSatisfy(e => e.Should().Contain("crm_lookup").And.Contain($"Unable to resolve service for type '{typeof(ICrm).FullName}'"));
    }

    /// <summary>A CRM client the application forgot to register.</summary>
    public interface ICrm
    {
        string Find(string phone);
    }

    /// <summary>Tools that need the CRM client.</summary>
    public sealed class CrmTools(ICrm crm)
    {
        [FlireoTool("crm_lookup", Description = "Finds the caller in the CRM.")]
        public string Lookup(string phone) => crm.Find(phone);
    }
}
