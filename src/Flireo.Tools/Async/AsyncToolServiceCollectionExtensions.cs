using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
namespace Flireo.Tools.Async;
/// <summary>Interim registration until the in-process channel queue lands: refuses async work so nothing is acknowledged and lost.</summary>
internal static class AsyncToolServiceCollectionExtensions
{
    internal static IServiceCollection AddInProcessToolWorkQueue(this IServiceCollection services)
    {
        services.TryAddSingleton<IToolWorkQueue, PlaceholderQueue>();
        return services;
    }
    private sealed class PlaceholderQueue : IToolWorkQueue
    {
        public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken) => ValueTask.FromResult(ToolWorkEnqueueResult.Rejected);
    }
}
