using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Flireo.Tools;

namespace CliTests.SampleTools;

/// <summary>Restaurant tools with a service dependency, records, enums, an async tool and an explicit error result.</summary>
public sealed class ReservationTools(IReservationBook book, SmsOutbox outbox)
{
    [FlireoTool("check_availability", Description = "Checks whether a table is free on a day.", Message = "Let me check the book.")]
    public Task<Availability> CheckAvailabilityAsync(
        [Description("Day of the visit")] DateOnly date,
        [Description("Number of guests"), Range(1, 20)] int guests,
        [Description("Where to sit")] Seating seating = Seating.Inside,
        CancellationToken cancellationToken = default)
        => Task.FromResult(new Availability(date, guests, book.FreeTables(date, seating)));

    [FlireoTool(Description = "Books a table and returns the booking.", Message = "Booking that for you now.")]
    public Booking BookTable([Description("The booking to make")] BookingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Booking("B-1001", request.Name, request.Date, request.Guests);
    }

    [FlireoTool(Description = "Cancels a booking by its reference.", Message = "Cancelling that for you.")]
    public ToolResult CancelBooking([Description("The booking reference, like B-1001")] string reference, IReservationBook reservations)
        => reference == "B-1001" && reservations is not null ? ToolResult.Ok(new { cancelled = reference }) : ToolResult.Error($"No booking {reference}.");

    [FlireoTool("send_confirmation_sms", Async = true, Message = "I will text you the confirmation.", Description = "Texts the booking confirmation to the caller.")]
    public Task SendConfirmationAsync(
        [Description("The phone number to text, in E.164 form")] string phone,
        [Description("The message text"), StringLength(160)] string text,
        ToolCallContext call,
        CancellationToken cancellationToken)
        => outbox.SendAsync(phone, text, cancellationToken);
}
