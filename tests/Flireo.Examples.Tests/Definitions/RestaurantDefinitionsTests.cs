using Flireo.Examples.Restaurant.Tools;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Tests.Definitions;

/// <summary>Pins examples/Flireo.Examples.Restaurant/definitions.json, the tool definitions the restaurant's assistant lists.</summary>
public class RestaurantDefinitionsTests
{
    private const string CommittedDefinitions = "../../../examples/Flireo.Examples.Restaurant/definitions.json";

    [Fact]
    public async Task Definitions_OfTheRegisteredTools_MatchTheCommittedFile()
    {
        await using var host = FlireoTestHost.Create(services => services.AddRestaurantServices().AddFlireoTools().AddToolsFromAssemblyOf<ReservationTools>());

        // Fails with a diff when a tool changed; accept with FLIREO_UPDATE_SNAPSHOTS=1 dotnet test, then update the assistant.
        DefinitionsSnapshot.AssertMatches(host.Catalog, CommittedDefinitions);
    }
}
