namespace Flireo.Examples.Docs.WritingTools;

public sealed record Appointment(string Code, DateOnly Date, TimeOnly Time, AppointmentKind Kind, string PatientName, string? PhoneNumber);
