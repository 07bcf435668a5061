using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Testing.Tests.Support;

/// <summary>Builds test hosts serving <see cref="SampleTools"/> and the sample handlers.</summary>
public static class SampleHost
{
    public static FlireoTestHost Create(Probe probe, Action<FlireoTestHostOptions>? configure = null, Action<FlireoToolsOptions>? flireo = null)
        => FlireoTestHost.Create(
            services =>
            {
                services.AddSingleton(probe);
                services.AddSingleton<IToolWorkQueue>(probe.Queue);
                services.AddFlireoTools(flireo)
                    .AddTools<SampleTools>()
                    .AddAssistantRequestHandler<GreetingHandler>()
                    .AddStatusUpdateHandler<RecordingStatusHandler>()
                    .AddEndOfCallReportHandler<RecordingReportHandler>();
            },
            configure);
}
