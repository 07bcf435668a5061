using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>The front server's application: hands each request to the generation that is current when it arrives.</summary>
/// <remarks>
/// A request stays with the generation that took it until it ends, so a swap never drops one. The generation sees the
/// request's features through a collection of its own, so nothing it sets stays on the front's connection afterwards.
/// </remarks>
internal sealed class FrontApplication : IHttpApplication<FrontContext>
{
    private volatile GenerationServer? _current;

    /// <summary>Gets or sets the generation new requests go to.</summary>
    public GenerationServer? Current
    {
        get => _current;
        set => _current = value;
    }

    public FrontContext CreateContext(IFeatureCollection contextFeatures)
    {
        var features = new FeatureCollection(contextFeatures);
        while (_current is { } generation)
        {
            if (generation.TryEnter(features) is { } application)
            {
                try
                {
                    return new FrontContext(features, generation, application, application.CreateContext(features));
                }
                catch
                {
                    generation.Exit(features);
                    throw;
                }
            }

            if (ReferenceEquals(generation, _current))
            {
                // Stopping and not replaced: the server itself is shutting down.
                break;
            }
        }

        return new FrontContext(features, null, null, null);
    }

    public Task ProcessRequestAsync(FrontContext context)
    {
        if (context.Application is null)
        {
            context.Features.Get<IHttpResponseFeature>()!.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        return context.Application.ProcessRequestAsync(context.Context!);
    }

    public void DisposeContext(FrontContext context, Exception? exception)
    {
        if (context.Application is null)
        {
            return;
        }

        try
        {
            context.Application.DisposeContext(context.Context!, exception);
        }
        finally
        {
            context.Generation!.Exit(context.Features);
        }
    }
}
