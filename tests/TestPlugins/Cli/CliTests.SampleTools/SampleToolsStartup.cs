using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CliTests.SampleTools;

/// <summary>Registers the service the tools need, so the scanner treats it as injected rather than a model parameter.</summary>
public sealed class SampleToolsStartup : IFlireoToolsStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IReservationBook, ReservationBook>();
        services.AddSingleton(new SmsOutbox(configuration["Sample:OutboxFile"]));
    }
}
