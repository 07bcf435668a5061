using System.ComponentModel;
using Flireo.Examples.Restaurant.Menu;
using Flireo.Examples.Restaurant.Reservations;
using Flireo.Tools;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Answers questions about opening hours and the menu.</summary>
/// <param name="store">The store with the weekly opening hours.</param>
/// <param name="menu">The current menu.</param>
/// <param name="clock">The clock for "today".</param>
/// <param name="options">The restaurant options.</param>
public sealed class RestaurantInfoTools(IReservationStore store, MenuCard menu, TimeProvider clock, IOptions<RestaurantOptions> options)
{
    /// <summary>Lists the opening hours of the seven days from a given day.</summary>
    /// <param name="from">The first day, or <see langword="null"/> for today.</param>
    /// <param name="cancellationToken">Cancelled when the call's deadline passes.</param>
    /// <returns>One entry per day, closed days included.</returns>
    [FlireoTool("get_opening_hours", Message = "Let me check our opening hours.", Description = "Lists the opening hours for seven days, including closed days and the last time a table can be booked.")]
    public async Task<IReadOnlyList<DayOpeningHours>> GetOpeningHoursAsync(
        [Description("First day to list, for example 2026-03-06. Leave it out for today.")] DateOnly? from = null,
        CancellationToken cancellationToken = default)
    {
        var week = await store.GetOpeningHoursAsync(cancellationToken);
        var first = from ?? clock.Today();
        var sitting = options.Value.SittingDuration;
        var days = new List<DayOpeningHours>(7);
        for (var i = 0; i < 7; i++)
        {
            var date = first.AddDays(i);
            var hours = week.FirstOrDefault(h => h.Day == date.DayOfWeek);
            days.Add(hours is null
                ? new DayOpeningHours(date, date.DayOfWeek, Open: false, null, null, null)
                : new DayOpeningHours(date, date.DayOfWeek, Open: true, hours.Opens, hours.Closes, hours.LastSeating(sitting)));
        }

        return days;
    }

    /// <summary>Lists the dishes of the menu, filtered by course, allergies and diet.</summary>
    /// <param name="category">The course, or <see langword="null"/> for all.</param>
    /// <param name="avoid">Allergens the guest must avoid, or <see langword="null"/> for none.</param>
    /// <param name="vegetarianOnly">Whether to list vegetarian dishes only.</param>
    /// <returns>The matching dishes with price and allergens.</returns>
    /// <remarks>The menu is in memory: the lookup never blocks its thread, so it runs without the hop to the tool scheduler.</remarks>
    [FlireoTool("get_menu", TimeoutSeconds = 3, NonBlocking = true, Description = "Lists dishes with their price and allergens. Use the filters when the caller asks about a course, an allergy or vegetarian food. Never guess about allergens: only say what this tool returns.")]
    public IReadOnlyList<MenuItem> GetMenu(
        [Description("Only this course. Leave it out for the whole menu.")] MenuCategory? category = null,
        [Description("Allergens the guest must avoid; dishes containing any of them are left out.")] IReadOnlyList<Allergen>? avoid = null,
        [Description("True to list vegetarian dishes only.")] bool vegetarianOnly = false)
        => menu.Find(category, avoid ?? [], vegetarianOnly);
}
