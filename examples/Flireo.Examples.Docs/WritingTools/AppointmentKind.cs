namespace Flireo.Examples.Docs.WritingTools;

public enum AppointmentKind
{
    CheckUp,
    Cleaning,
    Filling,
    Emergency,
}
