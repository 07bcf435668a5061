using Flireo.Examples.Restaurant.Menu;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;

namespace Flireo.Examples.Tests.Tools;

public class RestaurantInfoToolsTests
{
    [Fact]
    public async Task GetOpeningHours_FromAMonday_ListsSevenDaysWithClosedDaysAndLastSeating()
    {
        using var host = new RestaurantHost();

        var days = await host.CallForAsync<List<DayOpeningHours>>("get_opening_hours", new { from = "2026-03-09" });

        days.Should().HaveCount(7);
        days[0].Should().Be(new DayOpeningHours(new DateOnly(2026, 3, 9), DayOfWeek.Monday, false, null, null, null));
        days[1].Should().Be(new DayOpeningHours(new DateOnly(2026, 3, 10), DayOfWeek.Tuesday, true, new TimeOnly(17, 0), new TimeOnly(22, 0), new TimeOnly(20, 0)));
        days[6].Day.Should().Be(DayOfWeek.Sunday);
        days[6].Opens.Should().Be(new TimeOnly(12, 0));
    }

    [Fact]
    public async Task GetOpeningHours_NoDate_StartsToday()
    {
        using var host = new RestaurantHost();

        var days = await host.CallForAsync<List<DayOpeningHours>>("get_opening_hours", new { });

        days[0].Date.Should().Be(RestaurantHost.Today);
    }

    [Fact]
    public async Task GetMenu_NoFilters_ListsTheWholeMenu()
    {
        using var host = new RestaurantHost();

        var items = await host.CallForAsync<List<MenuItem>>("get_menu", new { });

        items.Should().HaveCount(11);
        items[0].Should().BeEquivalentTo(new { Name = "Tomato soup", Category = MenuCategory.Starter, Price = 7.50m, Vegetarian = true, Allergens = new[] { Allergen.Celery, Allergen.Milk } });
    }

    [Fact]
    public async Task GetMenu_VegetarianMainWithoutMilk_LeavesOutEverythingElse()
    {
        using var host = new RestaurantHost();

        var items = await host.CallForAsync<List<MenuItem>>("get_menu", new { category = "Main", avoid = new[] { "Milk" }, vegetarianOnly = true });

        items.Select(i => i.Name).Should().Equal("Cauliflower steak");
    }

    [Fact]
    public async Task GetMenu_UnknownAllergen_ReturnsErrorNamingTheParameter()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("get_menu", new { avoid = new[] { "Kiwi" } });

        result.Error.Should().StartWith("Parameter 'avoid' of tool 'get_menu' has an invalid value");
    }
}
