namespace Flireo.Examples.Docs.WritingTools;

/// <summary>The practice's patient records.</summary>
public interface IPatientRegistry
{
    /// <summary>Registers a patient and returns their patient number.</summary>
    ValueTask<string> RegisterAsync(PatientDetails patient, string? phoneNumber, CancellationToken cancellationToken);
}
