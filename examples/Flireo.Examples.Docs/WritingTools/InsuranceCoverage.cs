namespace Flireo.Examples.Docs.WritingTools;

public sealed record InsuranceCoverage(string Insurer, AppointmentKind Kind, bool Covered, int CoveredPercent);
