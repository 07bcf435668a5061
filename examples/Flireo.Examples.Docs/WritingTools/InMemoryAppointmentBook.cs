using System.Globalization;

namespace Flireo.Examples.Docs.WritingTools;

/// <summary>Keeps appointments in memory; 09:00 on every day is taken by a standing appointment.</summary>
public sealed class InMemoryAppointmentBook : IAppointmentBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Appointment> _appointments = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask<Appointment?> TryBookAsync(AppointmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (request.Time == new TimeOnly(9, 0) || _appointments.Values.Any(a => a.Date == request.Date && a.Time == request.Time))
            {
                return ValueTask.FromResult<Appointment?>(null);
            }

            var code = "APT-" + (_appointments.Count + 101).ToString(CultureInfo.InvariantCulture);
            var appointment = new Appointment(code, request.Date, request.Time, request.Kind, request.PatientName, request.PhoneNumber);
            _appointments.Add(code, appointment);
            return ValueTask.FromResult<Appointment?>(appointment);
        }
    }

    public ValueTask<bool> CancelAsync(string code, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_appointments.Remove(code));
        }
    }
}
