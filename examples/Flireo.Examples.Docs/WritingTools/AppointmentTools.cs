using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Flireo.Tools;

namespace Flireo.Examples.Docs.WritingTools;

#region appointment-tools-class
public sealed class AppointmentTools(IAppointmentBook book, TimeProvider clock)
#endregion
{
    #region book-appointment
    [FlireoTool("book_appointment", Message = "Let me book that for you.",
        Description = "Books an appointment at the dental practice. Confirm the day, time and kind with the caller first.")]
    public async Task<ToolResult> BookAppointmentAsync(
        [Description("Day of the appointment, for example 2026-03-06.")] DateOnly date,
        [Description("Start time on the 24-hour clock, for example 14:30.")] TimeOnly time,
        [Description("What the appointment is for.")] AppointmentKind kind,
        [Description("The patient's full name.")][StringLength(80, MinimumLength = 2)] string patientName,
        ToolCallContext call,
        [Description("Anything the dentist should know, in the caller's words.")][StringLength(300)] string? notes = null,
        CancellationToken cancellationToken = default)
    {
        if (date <= DateOnly.FromDateTime(clock.GetLocalNow().DateTime))
        {
            return ToolResult.Error("Appointments can be booked from tomorrow on. Ask the caller for a later day.");
        }

        var request = new AppointmentRequest(date, time, kind, patientName, call.CustomerNumber, notes);
        var appointment = await book.TryBookAsync(request, cancellationToken);
        return appointment is null
            ? ToolResult.Error($"{time:HH:mm} on {date:dddd d MMMM} is taken. Offer the caller another time.")
            : ToolResult.Ok(appointment);
    }
    #endregion

    #region cancel-appointment
    [FlireoTool("cancel_appointment", Description = "Cancels an appointment by the code the caller was given when booking.")]
    public async Task CancelAppointmentAsync(
        [Description("The appointment code, for example APT-101.")][RegularExpression("^APT-[0-9]{3}$")] string code,
        CancellationToken cancellationToken = default)
    {
        if (!await book.CancelAsync(code, cancellationToken))
        {
            throw new FlireoToolException($"There is no appointment with the code {code}. Ask the caller to read the code again.");
        }
    }
    #endregion
}
