namespace Flireo.Tools.Tests.Shared;

/// <summary>The real-time limit after which a waiting test gives up instead of hanging: a guard, never a synchronisation.</summary>
internal static class TestTimeout
{
    public static readonly TimeSpan Value = TimeSpan.FromSeconds(30);
}
