using Flireo.Tools;

namespace Flireo.Examples.Docs.WritingTools;

public sealed class PatientTools
{
    #region register-patient
    [FlireoTool("register_patient", Description = "Registers a new patient before their first appointment.")]
    public async Task<string> RegisterPatientAsync(
        PatientDetails patient,
        IPatientRegistry registry,
        ToolCallContext call,
        CancellationToken cancellationToken)
    {
        var number = await registry.RegisterAsync(patient, call.CustomerNumber, cancellationToken);
        return $"Registered {patient.FullName} as patient {number}.";
    }
    #endregion
}
