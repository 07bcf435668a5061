using Microsoft.AspNetCore.Http.Features;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Holds one request on its way through the front server: the generation that took it and that generation's context.</summary>
internal sealed class FrontContext(IFeatureCollection features, GenerationServer? generation, IGenerationApplication? application, object? context)
{
    public IFeatureCollection Features { get; } = features;

    /// <summary>Gets the generation handling the request, or <see langword="null"/> when none could (answered 503).</summary>
    public GenerationServer? Generation { get; } = generation;

    public IGenerationApplication? Application { get; } = application;

    public object? Context { get; } = context;
}
