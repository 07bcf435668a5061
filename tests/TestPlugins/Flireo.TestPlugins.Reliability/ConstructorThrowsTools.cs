using Flireo.Tools;

namespace Flireo.TestPlugins.Reliability;

/// <summary>A tool class whose constructor throws, as one whose configuration is missing would.</summary>
public sealed class ConstructorThrowsTools
{
    public ConstructorThrowsTools() => throw new InvalidOperationException("The connection string 'Crm' is not configured.");

    [FlireoTool("ctor_throws", Description = "Cannot run: its class cannot be created.")]
    public string Run() => "unreachable";
}
