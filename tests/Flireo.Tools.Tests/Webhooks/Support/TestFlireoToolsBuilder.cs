using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Webhooks.Support;

public sealed class TestFlireoToolsBuilder(IServiceCollection services) : IFlireoToolsBuilder
{
    public IServiceCollection Services { get; } = services;
}
