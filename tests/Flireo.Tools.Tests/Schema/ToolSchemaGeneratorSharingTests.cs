using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Flireo.Tools.Schema;
using Flireo.Tools.Tests.Definitions;

namespace Flireo.Tools.Tests.Schema;

// The generator shares one property schema per distinct parameter between tools; these tests hold it to the schemas it
// would write for each tool on its own.
public class ToolSchemaGeneratorSharingTests
{
    private static readonly JsonSerializerOptions StringEnums = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions IntegerEnums = new(JsonSerializerDefaults.Web);

    private static readonly string DurationNote = "Duration as [-][d.]hh:mm:ss[.fffffff], for example 01:30:00 or 2.00:00:00.";

    [Fact]
    public void GenerateBoth_OneTypeWithDifferentDescriptionsAndAnnotations_GivesEachParameterItsOwnSchema()
    {
        var generator = new ToolSchemaGenerator(StringEnums);

        var (first, firstStrict) = generator.GenerateBoth(Parameters(nameof(SharingSignatures.First), StringEnums));
        var (second, secondStrict) = generator.GenerateBoth(Parameters(nameof(SharingSignatures.Second), StringEnums));

        ShouldBeJson(first["properties"]!["wait"], $$"""{"type":"string","description":"When the guests arrive. {{DurationNote}}","pattern":{{Quoted(SchemaNormalizer.TimeSpanPattern)}}}""");
        ShouldBeJson(second["properties"]!["wait"], $$"""{"type":"string","description":"Longest wait. {{DurationNote}}","pattern":{{Quoted(SchemaNormalizer.TimeSpanPattern)}}}""");
        ShouldBeJson(first["properties"]!["guests"], """{"type":"integer","minimum":1,"maximum":8}""");
        ShouldBeJson(second["properties"]!["guests"], """{"type":"integer","minimum":2,"maximum":4}""");
        ShouldBeJson(first["properties"]!["spare"], """{"type":"integer","description":"Seats to keep free","default":3}""");
        ShouldBeJson(second["properties"]!["spare"], """{"type":"integer","default":5}""");
        ShouldBeJson(first["properties"]!["cuisine"], """{"type":"string","enum":["Italian","FrenchBistro","Sushi"],"default":"Sushi"}""");
        ShouldBeJson(second["properties"]!["cuisine"], """{"type":"string","description":"Kitchen","enum":["Italian","FrenchBistro","Sushi"],"default":"Italian"}""");
        first["properties"]!["address"]!["description"]!.GetValue<string>().Should().Be("Where they live");
        second["properties"]!["address"]!.AsObject().ContainsKey("description").Should().BeFalse();
        second["properties"]!["address"]!["properties"]!["street"]!["description"]!.GetValue<string>().Should().Be("Street and house number");
        ShouldBeJson(firstStrict["properties"]!["spare"], """{"type":["integer","null"],"description":"Seats to keep free. Default: 3."}""");
        ShouldBeJson(secondStrict["properties"]!["spare"], """{"type":["integer","null"],"description":"Default: 5."}""");
        ShouldBeJson(firstStrict["properties"]!["tags"], """{"type":["array","null"],"description":"Tags for the kitchen","items":{"type":"string"}}""");
    }

    [Fact]
    public void GenerateBoth_IntegerEnumWithAndWithoutDescription_NamesTheValuesAfterEachDescription()
    {
        var generator = new ToolSchemaGenerator(IntegerEnums);

        var (first, _) = generator.GenerateBoth(Parameters(nameof(SharingSignatures.First), IntegerEnums));
        var (second, secondStrict) = generator.GenerateBoth(Parameters(nameof(SharingSignatures.Second), IntegerEnums));

        ShouldBeJson(first["properties"]!["cuisine"], """{"type":"integer","description":"Values: 0 = Italian, 1 = FrenchBistro, 2 = Sushi.","enum":[0,1,2],"default":2}""");
        ShouldBeJson(second["properties"]!["cuisine"], """{"type":"integer","description":"Kitchen. Values: 0 = Italian, 1 = FrenchBistro, 2 = Sushi.","enum":[0,1,2],"default":0}""");
        ShouldBeJson(secondStrict["properties"]!["cuisine"], """{"type":["integer","null"],"description":"Kitchen. Values: 0 = Italian, 1 = FrenchBistro, 2 = Sushi. Default: 0.","enum":[0,1,2,null]}""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GenerateBoth_EverySignatureAfterAllOthers_EqualsGeneratingEachToolOnItsOwn(bool integerEnums)
    {
        var options = integerEnums ? IntegerEnums : StringEnums;
        var methods = typeof(SchemaSignatures).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Concat(typeof(SharingSignatures).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .ToList();
        var shared = new ToolSchemaGenerator(options);
        var reference = new ToolSchemaGenerator(options, reuseParameterSchemas: false);

        var mismatches = new List<string>();
        foreach (var method in methods.Concat(Enumerable.Reverse(methods)))
        {
            var parameters = Parameters(method, options);
            var (schema, strict) = shared.GenerateBoth(parameters);
            var (expected, expectedStrict) = reference.GenerateBoth(parameters);
            if (schema.ToJsonString() != expected.ToJsonString() || strict.ToJsonString() != expectedStrict.ToJsonString())
            {
                mismatches.Add($"{method.Name}:{Environment.NewLine}{schema.ToJsonString()}{Environment.NewLine}{expected.ToJsonString()}");
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Scan_GoldenTools_EqualGeneratingEachToolOnItsOwn()
    {
        var catalog = GoldenCatalog.Instance;
        var reference = new ToolSchemaGenerator(catalog.SerializerOptions, reuseParameterSchemas: false);

        var mismatches = new List<string>();
        foreach (var tool in catalog.Tools)
        {
            var (expected, expectedStrict) = reference.GenerateBoth(tool.Parameters);
            if (Text(tool.ParametersSchema) != expected.ToJsonString() || Text(tool.StrictParametersSchema) != expectedStrict.ToJsonString())
            {
                mismatches.Add(tool.Name);
            }
        }

        catalog.Tools.Should().NotBeEmpty();
        mismatches.Should().BeEmpty();
    }

    private static List<ToolParameter> Parameters(string method, JsonSerializerOptions options) =>
        Parameters(typeof(SharingSignatures).GetMethod(method)!, options);

    private static List<ToolParameter> Parameters(MethodInfo method, JsonSerializerOptions options) =>
        method.GetParameters()
            .Select(p => new ToolParameter(
                p,
                options.PropertyNamingPolicy?.ConvertName(p.Name!) ?? p.Name!,
                p.GetCustomAttribute<DescriptionAttribute>()?.Description,
                isRequired: !p.HasDefaultValue && new NullabilityInfoContext().Create(p).WriteState != NullabilityState.Nullable))
            .ToList();

    private static string Text(JsonElement element) => JsonNode.Parse(element.GetRawText())!.ToJsonString();

    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    private static void ShouldBeJson(JsonNode? actual, string expected)
    {
        var expectedNode = JsonNode.Parse(expected);
        JsonNode.DeepEquals(actual, expectedNode).Should().BeTrue(
            $"expected {expectedNode?.ToJsonString()}{Environment.NewLine}but found {actual?.ToJsonString() ?? "nothing"}");
        actual!.ToJsonString().Should().Be(expectedNode!.ToJsonString(), "keywords keep their fixed order");
    }
}
