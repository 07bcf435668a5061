using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Definitions;

/// <summary>Builds the catalog of <see cref="GoldenTools"/> the way an application registers it, once per test run.</summary>
internal static class GoldenCatalog
{
    private static readonly Lazy<ToolCatalog> Catalog = new(Build);

    public static ToolCatalog Instance => Catalog.Value;

    private static ToolCatalog Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IReservationBook, EmptyReservationBook>();
        services.AddSingleton<ICustomerDirectory, EmptyCustomerDirectory>();
        services.AddFlireoTools()
            .AddTools<RestaurantTools>()
            .AddTools<CrmTools>()
            .AddTools<OrderTools>()
            .AddTools<AppointmentTools>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ToolCatalog>();
    }
}
