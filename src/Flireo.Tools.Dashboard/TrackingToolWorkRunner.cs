using Flireo.Tools.Async;

namespace Flireo.Tools.Dashboard;

/// <summary>Wraps the app's <see cref="IToolWorkRunner"/> so the dashboard sees each async run.</summary>
internal sealed class TrackingToolWorkRunner(IToolWorkRunner inner, AsyncRunTracker tracker) : IToolWorkRunner
{
    /// <summary>Gets the wrapped runner.</summary>
    public IToolWorkRunner Inner => inner;

    /// <inheritdoc />
    public ValueTask<ToolRunOutcome> RunAsync(ToolWorkItem item, int attempt, CancellationToken cancellationToken) =>
        tracker.RunAsync(inner, item, attempt, cancellationToken);
}
