using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.DependencyInjection;

internal sealed class FlireoToolsBuilder(IServiceCollection services) : IFlireoToolsBuilder
{
    public IServiceCollection Services { get; } = services;
}
