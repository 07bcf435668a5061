using Flireo.Tools;
using Humanizer;

namespace Flireo.TestPlugins.Reliability;

/// <summary>A tool that needs a package dll at run time (Humanizer), which a test deletes from the plugin folder.</summary>
public static class DependencyTools
{
    [FlireoTool("in_words", Description = "Writes a number in English words.")]
    public static string InWords(int number) => number.ToWords();
}
