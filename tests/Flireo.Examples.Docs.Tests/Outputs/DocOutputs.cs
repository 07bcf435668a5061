using System.Reflection;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>Finds the producers of page outputs: static methods marked <see cref="DocOutputAttribute"/> returning <c>string</c> or <c>Task&lt;string&gt;</c>.</summary>
internal static class DocOutputs
{
    private static readonly Lazy<Dictionary<string, MethodInfo>> Producers = new(() => typeof(DocOutputs).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(m => m.GetCustomAttribute<DocOutputAttribute>() is not null)
        .ToDictionary(m => m.GetCustomAttribute<DocOutputAttribute>()!.Name, StringComparer.Ordinal));

    public static IEnumerable<string> Names => Producers.Value.Keys;

    public static bool Exists(string name) => Producers.Value.ContainsKey(name);

    /// <summary>Runs the producer of an output.</summary>
    public static async Task<string> ProduceAsync(string name)
    {
        var result = Producers.Value[name].Invoke(null, null);
        var text = result is Task<string> task ? await task : (string)result!;
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');
    }
}
