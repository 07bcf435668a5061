using Flireo.Tools;

namespace Flireo.TestPlugins.Duplicate;

/// <summary>Declares a tool named like one of Flireo.TestPlugins.Greetings, so loading both must fail.</summary>
public sealed class DuplicateTools
{
    [FlireoTool("greet", Description = "Another greet tool.")]
    public string Greet(string name) => "Hi " + name;
}
