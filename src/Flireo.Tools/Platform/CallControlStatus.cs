namespace Flireo.Tools.Platform;

/// <summary>Specifies how the platform answered a call-control command.</summary>
public enum CallControlStatus
{
    /// <summary>The platform took the command (HTTP 200).</summary>
    Sent = 0,

    /// <summary>The call is no longer in progress, or the platform refused the command as invalid (HTTP 400).</summary>
    CallNotActive = 1,

    /// <summary>The platform knows no call with that id (HTTP 404).</summary>
    CallNotFound = 2,

    /// <summary>The command was not sent: the limit of commands per call was reached, or the platform kept answering 429.</summary>
    RateLimited = 3,
}
