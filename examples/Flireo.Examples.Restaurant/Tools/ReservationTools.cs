using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Flireo.Examples.Restaurant.Reservations;
using Flireo.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Checks availability, books, cancels and finds table bookings.</summary>
/// <remarks>
/// A scoped service: Flireo.Tools creates one instance per tool call and injects the constructor's services.
/// Expected refusals (full, closed, unknown code) are <see cref="ToolResult.Error"/> answers phrased for the caller.
/// </remarks>
/// <param name="store">The bookings.</param>
/// <param name="clock">The clock for "today".</param>
/// <param name="options">The restaurant options.</param>
/// <param name="logger">The logger.</param>
public sealed class ReservationTools(IReservationStore store, TimeProvider clock, IOptions<RestaurantOptions> options, ILogger<ReservationTools> logger)
{
    private const int MaxPartySize = 8;
    private const int AlternativeCount = 3;

    private readonly RestaurantOptions _options = options.Value;

    /// <summary>Checks whether a table is free and suggests other times when it is not.</summary>
    /// <param name="date">The day of the visit.</param>
    /// <param name="time">The arrival time.</param>
    /// <param name="partySize">The number of guests.</param>
    /// <param name="seating">The wanted seating area, or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancelled when the call's deadline passes.</param>
    /// <returns>An <see cref="Availability"/>, or an error for a day in the past or too far ahead.</returns>
    /// <remarks>
    /// The reservation book can be slow at busy times. After 6 seconds the tool hands off: the webhook is answered with
    /// <see cref="FlireoToolAttribute.HandOffMessage"/>, the check goes on for up to 60 seconds, and its answer is spoken into
    /// the call when it comes (it needs <c>Flireo:Api:Key</c>).
    /// </remarks>
    [FlireoTool("check_availability", Message = "Let me check the reservations.", HandOffAfterSeconds = 6, TimeoutSeconds = 60,
        HandOffMessage = "The reservation book is slow right now; I'll tell you as soon as I know. Ask the caller to hold on.",
        Description = "Checks whether a table is free for a party at a date and time. Use it before booking. When no table is free, offer the caller one of the alternative times.")]
    public async Task<ToolResult> CheckAvailabilityAsync(
        [Description("Day of the visit, for example 2026-03-06.")] DateOnly date,
        [Description("Arrival time on the 24-hour clock, for example 19:30.")] TimeOnly time,
        [Description("Number of guests, children included. For more than 8, offer to have the events team call back.")][Range(1, MaxPartySize)] int partySize,
        [Description("Indoor or Terrace. Leave it out when the caller has no preference.")] SeatingArea? seating = null,
        CancellationToken cancellationToken = default)
    {
        if (RefuseDate(date, time) is { } refusal)
        {
            return ToolResult.Error(refusal);
        }

        var problem = await FindProblemAsync(date, time, partySize, seating, cancellationToken);
        return problem is { } p
            ? ToolResult.Ok(new Availability(false, date, time, partySize, seating, p.Reason, p.Alternatives))
            : ToolResult.Ok(new Availability(true, date, time, partySize, seating, $"A table for {partySize}{Area(seating)} is free on {Spoken.Date(date)} at {Spoken.Time(time)}.", []));
    }

    /// <summary>Books a table and returns the confirmation code.</summary>
    /// <param name="date">The day of the visit.</param>
    /// <param name="time">The arrival time.</param>
    /// <param name="partySize">The number of guests.</param>
    /// <param name="name">The name the booking is under.</param>
    /// <param name="call">The tool call, for the caller's phone number.</param>
    /// <param name="phone">The phone number for the booking, or <see langword="null"/> for the caller's number.</param>
    /// <param name="seating">The wanted seating area, or <see langword="null"/> for any.</param>
    /// <param name="notes">Requests for the staff.</param>
    /// <param name="cancellationToken">Cancelled when the call's deadline passes.</param>
    /// <returns>A <see cref="BookingConfirmation"/>, or an error when the restaurant is closed or full.</returns>
    [FlireoTool("book_table", Message = "I'm booking that for you now.", Description = "Books a table. Check availability first, and confirm the date, time, party size and name with the caller before booking. Read the confirmation code back to the caller.")]
    public async Task<ToolResult> BookTableAsync(
        [Description("Day of the visit, for example 2026-03-06.")] DateOnly date,
        [Description("Arrival time on the 24-hour clock, for example 19:30.")] TimeOnly time,
        [Description("Number of guests, children included.")][Range(1, MaxPartySize)] int partySize,
        [Description("Name the booking is under.")][StringLength(80, MinimumLength = 2)] string name,
        ToolCallContext call,
        [Description("Phone number for the booking in international format, for example +31612345678. Leave it out to use the number the caller is calling from.")][Phone] string? phone = null,
        [Description("Indoor or Terrace. Leave it out when the caller has no preference.")] SeatingArea? seating = null,
        [Description("Requests for the staff, for example a high chair or a birthday.")][StringLength(300)] string? notes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (RefuseDate(date, time) is { } refusal)
        {
            return ToolResult.Error(refusal);
        }

        var number = phone ?? call.CustomerNumber;
        if (string.IsNullOrWhiteSpace(number))
        {
            return ToolResult.Error("I need a phone number for the booking. Ask the caller for one.");
        }

        if (await FindProblemAsync(date, time, partySize, seating, cancellationToken) is { } problem)
        {
            return ToolResult.Error(WithAlternatives(problem.Reason, problem.Alternatives));
        }

        var booking = await store.TryBookAsync(new BookingRequest(date, time, partySize, name.Trim(), number, seating, notes), cancellationToken);
        if (booking is null)
        {
            // Someone else took the last table between the check and the booking.
            return ToolResult.Error("Sorry, that table was taken just now. Check availability again and offer another time.");
        }

        Log.BookingMade(logger, booking.Code, booking.PartySize, booking.Date, booking.Time, booking.TableNumber);
        var message = $"Booked a table for {booking.PartySize}{Area(booking.Seating)} on {Spoken.Date(booking.Date)} at {Spoken.Time(booking.Time)} under the name {booking.Name}. The confirmation code is {booking.Code}.";
        return ToolResult.Ok(new BookingConfirmation(booking.Code, booking.Date, booking.Time, booking.PartySize, booking.Name, booking.Seating, message));
    }

    /// <summary>Cancels a booking by its confirmation code.</summary>
    /// <param name="confirmationCode">The code the caller reads out, for example <c>ANV-101</c>.</param>
    /// <param name="cancellationToken">Cancelled when the call's deadline passes.</param>
    /// <returns>A <see cref="CancellationConfirmation"/>, or an error when the code is unknown, already cancelled or in the past.</returns>
    [FlireoTool("cancel_booking", Message = "Let me cancel that for you.", Description = "Cancels a booking by its confirmation code. Confirm with the caller before cancelling.")]
    public async Task<ToolResult> CancelBookingAsync(
        [Description("The confirmation code: three letters and three digits, for example ANV-101.")]
        [RegularExpression(ConfirmationCodes.Pattern, ErrorMessage = "A confirmation code is three letters and three digits, like ANV-101. Ask the caller to read it again.")]
        string confirmationCode,
        CancellationToken cancellationToken = default)
    {
        var code = ConfirmationCodes.Normalize(confirmationCode);
        var booking = await store.FindBookingAsync(code, cancellationToken);
        if (booking is null)
        {
            return ToolResult.Error($"There is no booking with the code {code}. Ask the caller to check the code, or look the booking up by phone number.");
        }

        if (booking.Status == BookingStatus.Cancelled)
        {
            return ToolResult.Error($"The booking {code} was already cancelled.");
        }

        if (booking.Date < clock.Today())
        {
            return ToolResult.Error($"The booking {code} was for {Spoken.Date(booking.Date)}, which has passed, so it cannot be cancelled.");
        }

        await store.CancelBookingAsync(code, cancellationToken);
        Log.BookingCancelled(logger, code);
        return ToolResult.Ok(new CancellationConfirmation(code, booking.Date, booking.Time, $"The booking {code} for {Spoken.Date(booking.Date)} at {Spoken.Time(booking.Time)} is cancelled."));
    }

    /// <summary>Finds a guest and their upcoming bookings by phone number.</summary>
    /// <param name="call">The tool call, for the caller's phone number.</param>
    /// <param name="phone">The number to look up, or <see langword="null"/> for the caller's number.</param>
    /// <param name="cancellationToken">Cancelled when the call's deadline passes.</param>
    /// <returns>The <see cref="CustomerBookings"/>, or an error when no phone number is known.</returns>
    [FlireoTool("find_bookings", Message = "Let me look up your bookings.", Description = "Finds the caller's upcoming bookings and what we know about them, by phone number. Use it when the caller asks about a booking they made or has lost the confirmation code.")]
    public async Task<ToolResult> FindBookingsAsync(
        ToolCallContext call,
        [Description("Phone number the booking was made with, in international format. Leave it out to use the number the caller is calling from.")][Phone] string? phone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var number = phone ?? call.CustomerNumber;
        if (string.IsNullOrWhiteSpace(number))
        {
            return ToolResult.Error("The caller's number is hidden. Ask for the phone number the booking was made with.");
        }

        var customer = await store.FindCustomerAsync(number, cancellationToken);
        var bookings = await store.FindBookingsByPhoneAsync(number, clock.Today(), cancellationToken);
        return ToolResult.Ok(new CustomerBookings(customer?.Phone ?? number, customer?.Name, customer?.Notes, bookings));
    }

    private static string Area(SeatingArea? seating) => seating switch
    {
        SeatingArea.Terrace => " on the terrace",
        SeatingArea.Indoor => " inside",
        _ => string.Empty,
    };

    private static string WithAlternatives(string reason, IReadOnlyList<TimeOnly> alternatives)
        => alternatives.Count == 0 ? reason : $"{reason} Free times that day: {Spoken.Times(alternatives)}.";

    private string? RefuseDate(DateOnly date, TimeOnly time)
    {
        var today = clock.Today();
        if (date < today || (date == today && time <= clock.Now()))
        {
            return $"{Spoken.Date(date)} at {Spoken.Time(time)} has already passed. Ask the caller for a later date or time.";
        }

        return date > today.AddDays(_options.BookingWindowDays)
            ? $"We take bookings up to {_options.BookingWindowDays} days ahead, so {Spoken.Date(date)} cannot be booked yet."
            : null;
    }

    /// <summary>Tells why a sitting cannot be booked (closed, outside the opening hours, full), or <see langword="null"/> when it can.</summary>
    private async Task<(string Reason, IReadOnlyList<TimeOnly> Alternatives)?> FindProblemAsync(DateOnly date, TimeOnly time, int partySize, SeatingArea? seating, CancellationToken cancellationToken)
    {
        var week = await store.GetOpeningHoursAsync(cancellationToken);
        var hours = week.FirstOrDefault(h => h.Day == date.DayOfWeek);
        if (hours is null)
        {
            return ($"Sorry, we are closed on {date.DayOfWeek}s.", []);
        }

        var sitting = _options.SittingDuration;
        if (!hours.Accepts(time, sitting))
        {
            var reason = $"On {date.DayOfWeek}s we are open from {Spoken.Time(hours.Opens)} to {Spoken.Time(hours.Closes)}, and the last table is at {Spoken.Time(hours.LastSeating(sitting))}.";
            return (reason, await FindAlternativesAsync(hours, date, time, partySize, seating, cancellationToken));
        }

        var free = await store.FindFreeTablesAsync(date, time, partySize, seating, cancellationToken);
        return free.Count > 0
            ? null
            : ($"Sorry, there is no table for {partySize}{Area(seating)} on {Spoken.Date(date)} at {Spoken.Time(time)}.", await FindAlternativesAsync(hours, date, time, partySize, seating, cancellationToken));
    }

    /// <summary>Finds the free half-hour slots of the day that are nearest to the wanted time.</summary>
    private async Task<IReadOnlyList<TimeOnly>> FindAlternativesAsync(OpeningHours hours, DateOnly date, TimeOnly wanted, int partySize, SeatingArea? seating, CancellationToken cancellationToken)
    {
        var earliest = date == clock.Today() ? clock.Now() : TimeOnly.MinValue;
        var free = new List<TimeOnly>();
        var last = hours.LastSeating(_options.SittingDuration).ToTimeSpan();
        for (var start = hours.Opens.ToTimeSpan(); start <= last; start += TimeSpan.FromMinutes(30))
        {
            var slot = TimeOnly.FromTimeSpan(start);
            if (slot != wanted && slot > earliest && (await store.FindFreeTablesAsync(date, slot, partySize, seating, cancellationToken)).Count > 0)
            {
                free.Add(slot);
            }
        }

        return [.. free.OrderBy(t => Math.Abs((t.ToTimeSpan() - wanted.ToTimeSpan()).Ticks)).Take(AlternativeCount).Order()];
    }
}
