namespace Flireo.Tools.Platform;

/// <summary>Describes how the platform answered one call-control command.</summary>
/// <param name="Status">Whether the command was taken, or why not.</param>
/// <param name="Message">The platform's message (success text or error reason), or <see langword="null"/> when it sent none.</param>
public readonly record struct CallControlResult(CallControlStatus Status, string? Message = null)
{
    /// <summary>Gets a value indicating whether the platform took the command.</summary>
    public bool IsSent => Status == CallControlStatus.Sent;
}
