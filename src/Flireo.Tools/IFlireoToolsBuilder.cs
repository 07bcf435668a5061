using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools;

/// <summary>Configures the tools and webhook handlers of Flireo.Tools; returned by <c>AddFlireoTools</c>.</summary>
public interface IFlireoToolsBuilder
{
    /// <summary>Gets the service collection the tools are registered in.</summary>
    IServiceCollection Services { get; }
}
