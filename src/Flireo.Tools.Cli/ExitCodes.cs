namespace Flireo.Tools.Cli;

/// <summary>Defines the exit codes of <c>flireo-tools</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found nothing wrong.</summary>
    public const int Success = 0;

    /// <summary>The command ran but failed: findings, a failed call, an unloadable assembly.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown or missing options, bad values.</summary>
    public const int Usage = 2;
}
