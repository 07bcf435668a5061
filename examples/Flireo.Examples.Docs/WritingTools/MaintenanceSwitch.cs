namespace Flireo.Examples.Docs.WritingTools;

/// <summary>Says whether the booking system is down for maintenance (an admin endpoint or a feature flag would set it).</summary>
public sealed class MaintenanceSwitch
{
    private volatile bool _isOn;

    /// <summary>Gets or sets a value indicating whether booking is offline.</summary>
    public bool IsOn
    {
        get => _isOn;
        set => _isOn = value;
    }
}
