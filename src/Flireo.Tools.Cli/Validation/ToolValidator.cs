using Flireo.Tools.Cli.Loading;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Cli.Validation;

/// <summary>Runs every startup check of Flireo.Tools on a tool assembly and lints the tools that pass them.</summary>
internal static class ToolValidator
{
    /// <summary>Validates a loaded tool assembly.</summary>
    /// <param name="library">The library, with its services registered.</param>
    /// <returns>Every finding: startup problems and missing descriptions as errors, the other lint rules as warnings.</returns>
    public static ValidationReport Validate(ToolLibrary library)
    {
        var findings = new List<Finding>();
        if (library.Plugin.ToolTypes.Count == 0)
        {
            findings.Add(new Finding(FindingSeverity.Error, ValidationRules.NoTools, library.FileName, library.NoToolsMessage));
            return new ValidationReport(findings, 0);
        }

        var options = library.Options;
        IReadOnlyList<ToolDescriptor> tools;
        try
        {
            tools = library.GetCatalog().Tools;
        }
        catch (FlireoToolsConfigurationException ex)
        {
            findings.AddRange(ToFindings(ex, library.FileName));

            // Lint what is valid: each class on its own, so one bad method does not hide the warnings of the others.
            var isService = library.Services.GetService<IServiceProviderIsService>();
            tools = library.Plugin.ToolTypes.SelectMany(type => TryScan(type, options, isService)).ToList();
        }

        foreach (var tool in tools)
        {
            try
            {
                // Schemas are generated on first read; a tool whose schema cannot be generated is an error, not linted.
                _ = tool.ParametersSchema;
            }
            catch (FlireoToolsConfigurationException ex)
            {
                findings.AddRange(ToFindings(ex, library.FileName));
                continue;
            }

            findings.AddRange(ToolLinter.Lint(tool, options));
        }

        var ordered = findings.OrderBy(f => f.Location, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        return new ValidationReport(ordered, library.Plugin.ToolTypes.Sum(CountToolMethods));
    }

    private static IEnumerable<Finding> ToFindings(FlireoToolsConfigurationException exception, string fileName)
    {
        if (exception.Problems.Count == 0)
        {
            return [new Finding(FindingSeverity.Error, ValidationRules.StartupProblem, fileName, exception.Message)];
        }

        return exception.Problems.Select(p => new Finding(FindingSeverity.Error, ValidationRules.StartupProblem, p.Location, p.Message));
    }

    private static IReadOnlyList<ToolDescriptor> TryScan(Type type, FlireoToolsOptions options, IServiceProviderIsService? isService)
    {
        try
        {
            return ToolCatalog.Create([type], options.SerializerOptions, isService).Tools;
        }
        catch (FlireoToolsConfigurationException)
        {
            return [];
        }
    }

    private static int CountToolMethods(Type type) => type
        .GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
        .Count(m => m.IsDefined(typeof(FlireoToolAttribute), inherit: false));
}
