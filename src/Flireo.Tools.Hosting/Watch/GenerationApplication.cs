using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Adapts a generation's <see cref="IHttpApplication{TContext}"/> to <see cref="IGenerationApplication"/>.</summary>
/// <typeparam name="TContext">The host's context type.</typeparam>
internal sealed class GenerationApplication<TContext>(IHttpApplication<TContext> application) : IGenerationApplication
    where TContext : notnull
{
    public object CreateContext(IFeatureCollection features) => application.CreateContext(features);

    public Task ProcessRequestAsync(object context) => application.ProcessRequestAsync((TContext)context);

    public void DisposeContext(object context, Exception? exception) => application.DisposeContext((TContext)context, exception);
}
