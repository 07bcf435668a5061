using Flireo.Tools;

namespace Flireo.TestPlugins.Reliability;

/// <summary>A tool class whose static constructor throws, so the type can never be initialised.</summary>
public static class StaticConstructorThrowsTools
{
    private static readonly string Setting;

#pragma warning disable CA1065, CA1810 // The point of this class is a static constructor that throws.
    static StaticConstructorThrowsTools()
    {
        Setting = Environment.GetEnvironmentVariable("FLIREO_RELIABILITY_NEVER_SET")
            ?? throw new InvalidOperationException("FLIREO_RELIABILITY_NEVER_SET is not set.");
    }
#pragma warning restore CA1065, CA1810

    [FlireoTool("static_ctor_throws", Description = "Cannot run: its class cannot be initialised.")]
    public static string Run() => Setting;
}
