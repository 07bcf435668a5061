using Flireo.Tools;
using Flireo.Tools.Definitions;

namespace Flireo.Examples.Docs.GettingStarted;

/// <summary>Exports the getting-started tool's definition without a web host.</summary>
public static class DefinitionsExport
{
    public static string Export()
    {
        #region export-definitions
        var catalog = ToolCatalog.Create([typeof(OpeningHoursTools)]);
        var definitions = ToolDefinitions.ToJson(catalog.Tools, new ToolDefinitionOptions
        {
            BaseUrl = "https://tools.example.com",
        });
        #endregion
        return definitions;
    }
}
