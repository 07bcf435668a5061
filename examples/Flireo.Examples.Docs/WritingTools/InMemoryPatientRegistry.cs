using System.Globalization;

namespace Flireo.Examples.Docs.WritingTools;

/// <summary>Keeps patients in memory and numbers them from P-1001.</summary>
public sealed class InMemoryPatientRegistry : IPatientRegistry
{
    private readonly Lock _lock = new();
    private readonly List<(PatientDetails Patient, string? PhoneNumber)> _patients = [];

    public ValueTask<string> RegisterAsync(PatientDetails patient, string? phoneNumber, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _patients.Add((patient, phoneNumber));
            return ValueTask.FromResult("P-" + (1000 + _patients.Count).ToString(CultureInfo.InvariantCulture));
        }
    }
}
