using Flireo.Examples.Restaurant;
using Flireo.Examples.Restaurant.Menu;
using Flireo.Examples.Restaurant.Messaging;
using Flireo.Examples.Restaurant.Reservations;
using Flireo.Examples.Restaurant.Weather;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services the restaurant tools need.</summary>
public static class RestaurantServiceCollectionExtensions
{
    /// <summary>Adds the restaurant options, the in-memory reservation store, the menu, the logging SMS sender and the weather client.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration whose <c>Restaurant</c> section binds <see cref="RestaurantOptions"/>, or <see langword="null"/> for the defaults.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>
    /// Register your own <see cref="IReservationStore"/>, <see cref="MenuCard"/> or <see cref="ISmsSender"/> before or after
    /// this call to replace the defaults. The tools themselves are added with
    /// <c>AddFlireoTools().AddToolsFromAssemblyOf&lt;ReservationTools&gt;()</c>.
    /// </remarks>
    public static IServiceCollection AddRestaurantServices(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<RestaurantOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(RestaurantOptions.SectionName));
        }

        options.ValidateDataAnnotations()
            .Validate(o => o.Weather.BaseAddress.IsAbsoluteUri && o.Weather.Timeout > TimeSpan.Zero, "Restaurant:Weather needs an absolute BaseAddress and a positive Timeout.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReservationStore, InMemoryReservationStore>();
        services.TryAddSingleton(_ => MenuCard.LoadEmbedded());
        services.TryAddSingleton<ISmsSender, LoggingSmsSender>();
        services.AddHttpClient<WeatherClient>(static (provider, client) =>
            client.BaseAddress = provider.GetRequiredService<IOptions<RestaurantOptions>>().Value.Weather.BaseAddress);
        return services;
    }
}
