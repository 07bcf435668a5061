using System.Reflection;
using Flireo.Tools.Benchmarks.ThousandTools;

namespace Flireo.Tools.Benchmarks.Startup;

/// <summary>Finds the generated 1,000-tool assembly and its tool classes.</summary>
internal static class ThousandToolsAssembly
{
    public static Assembly Assembly => typeof(Tools000).Assembly;

    /// <summary>Gets the classes that declare tools, found the way <c>AddToolsFromAssembly</c> finds them.</summary>
    public static Type[] ToolTypes() => [.. Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && Invocation.ToolScanner.HasToolMethods(t))];
}
