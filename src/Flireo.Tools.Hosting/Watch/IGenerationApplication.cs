using Microsoft.AspNetCore.Http.Features;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Runs requests through one generation's pipeline, with its context type hidden so the front can hold any generation.</summary>
internal interface IGenerationApplication
{
    /// <summary>Creates the generation's context for a request.</summary>
    /// <param name="features">The request's features (the front server's, wrapped).</param>
    /// <returns>The context.</returns>
    object CreateContext(IFeatureCollection features);

    /// <summary>Runs the request through the generation's pipeline.</summary>
    /// <param name="context">The context from <see cref="CreateContext"/>.</param>
    /// <returns>A task that completes when the request has been handled.</returns>
    Task ProcessRequestAsync(object context);

    /// <summary>Releases the context.</summary>
    /// <param name="context">The context from <see cref="CreateContext"/>.</param>
    /// <param name="exception">The exception that escaped the pipeline, if any.</param>
    void DisposeContext(object context, Exception? exception);
}
