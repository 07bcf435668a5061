namespace Flireo.Examples.Docs.WritingTools;

/// <summary>The practice's agenda.</summary>
public interface IAppointmentBook
{
    /// <summary>Books the slot, or returns <see langword="null"/> when it is taken.</summary>
    ValueTask<Appointment?> TryBookAsync(AppointmentRequest request, CancellationToken cancellationToken);

    /// <summary>Cancels an appointment; returns <see langword="false"/> when there is none with that code.</summary>
    ValueTask<bool> CancelAsync(string code, CancellationToken cancellationToken);
}
