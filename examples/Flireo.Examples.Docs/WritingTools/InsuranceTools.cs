using System.ComponentModel;
using System.Net.Http.Json;
using Flireo.Tools;

namespace Flireo.Examples.Docs.WritingTools;

#region insurance-tools
public sealed class InsuranceTools(HttpClient insurers)
{
    [FlireoTool("check_coverage", Description = "Checks whether the patient's insurer pays for a kind of appointment.")]
    public async Task<InsuranceCoverage> CheckCoverageAsync(
        [Description("The insurer's name, as the caller says it.")] string insurer,
        AppointmentKind kind,
        CancellationToken cancellationToken)
    {
        // No try/catch: if the insurers' API is down, the model is told the tool failed, and the exception is logged.
        var coverage = await insurers.GetFromJsonAsync<InsuranceCoverage>($"coverage/{Uri.EscapeDataString(insurer)}/{kind}", cancellationToken);
        return coverage ?? throw new FlireoToolException($"The insurer '{insurer}' is not known. Ask the caller to spell it.");
    }
}
#endregion
