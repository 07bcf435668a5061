using System.Runtime.Loader;
using Flireo.Tools;
using Humanizer;

namespace Flireo.TestPlugins.Numbers;

/// <summary>A tool of the second test plugin, built against Humanizer 3.x.</summary>
public sealed class NumberTools
{
    [FlireoTool("number_words", Description = "Writes a number in English words.")]
    public NumberWords Words(int number)
    {
        var humanizer = typeof(NumberToWordsExtension).Assembly;
        return new NumberWords(number.ToWords(), humanizer.GetName().Version!.ToString(), AssemblyLoadContext.GetLoadContext(humanizer)?.Name);
    }
}
