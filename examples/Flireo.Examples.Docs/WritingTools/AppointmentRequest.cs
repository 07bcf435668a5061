namespace Flireo.Examples.Docs.WritingTools;

public sealed record AppointmentRequest(DateOnly Date, TimeOnly Time, AppointmentKind Kind, string PatientName, string? PhoneNumber, string? Notes);
