using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Flireo.Examples.Docs.WritingTools;

#region patient-details
[Description("A new patient of the practice.")]
public sealed record PatientDetails(
    [Description("First and last name.")][StringLength(80, MinimumLength = 2)] string FullName,
    [Description("Date of birth, for example 1984-05-17.")] DateOnly BirthDate,
    [Description("E-mail address for appointment reminders.")][EmailAddress] string? Email = null,
    [Description("The patient's health insurer, if any.")] string? Insurer = null);
#endregion
