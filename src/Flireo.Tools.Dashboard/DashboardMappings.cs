using Microsoft.AspNetCore.Routing;

namespace Flireo.Tools.Dashboard;

/// <summary>Remembers where <c>MapFlireoDashboard</c> mapped the dashboard, for the startup check.</summary>
internal sealed class DashboardMappings
{
    private readonly Lock _lock = new();
    private readonly List<DashboardMapping> _mappings = [];

    public void Add(DashboardMapping mapping)
    {
        lock (_lock)
        {
            _mappings.Add(mapping);
        }
    }

    public IReadOnlyList<DashboardMapping> All()
    {
        lock (_lock)
        {
            return [.. _mappings];
        }
    }
}

/// <summary>One <c>MapFlireoDashboard</c> call: its pattern, the builder its endpoints went to and the metadata that marks them.</summary>
internal sealed record DashboardMapping(string Pattern, IEndpointRouteBuilder Endpoints, DashboardEndpointMarker Marker);

/// <summary>Marks the endpoints of one dashboard mapping.</summary>
internal sealed class DashboardEndpointMarker;
