using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Flireo.Examples.Docs.Configuration;
using Flireo.Examples.Docs.SchemaMapping;
using Flireo.Examples.Docs.Tests.Markdown;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Examples.Docs.WritingTools;
using Flireo.Tools;
using Flireo.Tools.Definitions;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/schema-mapping.md shows: the schema of each showcase parameter, and a whole definition.</summary>
internal static partial class SchemaMappingOutputs
{
    [DocOutput("schema-mapping-table")]
    public static string Table()
    {
        var tool = ToolCatalog.Create([typeof(SchemaShowcaseTools)]).Tools.Single();
        var schema = JsonNode.Parse(tool.ParametersSchema.GetRawText())!;
        var strict = JsonNode.Parse(tool.StrictParametersSchema.GetRawText())!;
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var table = new MarkdownTable("C# parameter", "Required", "JSON schema", "Strict JSON schema");

        // Each line of the quoted parameter list is one parameter, so the table shows the declaration as written.
        foreach (var line in SnippetSource.Resolve("schema-showcase-parameters").Text!.Split('\n'))
        {
            var declaration = line.TrimEnd(',', ')');
            var name = JsonNamingPolicy.CamelCase.ConvertName(ParameterName().Match(declaration).Groups["name"].Value);
            table.Add(
                MarkdownTable.Code(declaration),
                required.Contains(name) ? "yes" : "no",
                MarkdownTable.Code(Json.OneLine(schema["properties"]![name]!)),
                MarkdownTable.Code(Json.OneLine(strict["properties"]![name]!)));
        }

        return table.ToString();
    }

    [DocOutput("schema-mapping-definition")]
    public static string Definition() => ToolDefinitions.ToJson(BookAppointment()).TrimEnd('\n');

    [DocOutput("schema-mapping-definition-strict")]
    public static string StrictDefinition() => ToolDefinitions.ToJson(BookAppointment(), new ToolDefinitionOptions { Strict = true, Shape = ToolDefinitionShape.OpenAI }).TrimEnd('\n');

    [DocOutput("schema-mapping-snake-case")]
    public static async Task<string> SnakeCase()
    {
        await using var host = FlireoTestHost.Create(services => services.AddSingleton<IAppointmentBook, InMemoryAppointmentBook>().AddSnakeCaseTools());
        var schema = host.Catalog.Tools.Single(t => t.Name == "book_appointment").ParametersSchema;

        return $"\"required\": {Json.OneLine(schema.GetProperty("required"))}";
    }

    private static IEnumerable<ToolDescriptor> BookAppointment()
        => ToolCatalog.Create([typeof(AppointmentTools)]).Tools.Where(t => t.Name == "book_appointment");

    // The identifier before an optional default value; a default cannot contain ')' or ']', an attribute argument can.
    [GeneratedRegex(@"\s(?<name>@?\w+)(\s*=\s*[^\])]+)?$")]
    private static partial Regex ParameterName();
}
