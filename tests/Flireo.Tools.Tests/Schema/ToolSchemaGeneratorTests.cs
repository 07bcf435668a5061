using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Flireo.Tools.Invocation;
using Flireo.Tools.Schema;

namespace Flireo.Tools.Tests.Schema;

public class ToolSchemaGeneratorTests
{
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Generate_Primitives_MapToJsonTypesWithoutNumericFormats()
    {
        var schema = Generate(nameof(SchemaSignatures.Primitives));

        var properties = schema["properties"]!;
        foreach (var name in (string[])["count", "total", "small", "tiny", "offset", "visits", "big"])
        {
            ShouldBeJson(properties[name], """{"type":"integer"}""");
        }

        foreach (var name in (string[])["ratio", "weight", "price"])
        {
            ShouldBeJson(properties[name], """{"type":"number"}""");
        }

        ShouldBeJson(properties["confirmed"], """{"type":"boolean"}""");
        ShouldBeJson(properties["text"], """{"type":"string"}""");
        ShouldBeJson(properties["initial"], """{"type":"string","minLength":1,"maxLength":1}""");
    }

    [Fact]
    public void Generate_HalfInt128AndVersion_AreTheScalarsTheBinderReads()
    {
        var schema = Generate(nameof(SchemaSignatures.WideScalars));

        var properties = schema["properties"]!;
        ShouldBeJson(properties["gauge"], """{"type":"number"}""");
        ShouldBeJson(properties["huge"], """{"type":"integer"}""");
        ShouldBeJson(properties["hugeUnsigned"], """{"type":"integer"}""");
        ShouldBeJson(properties["release"], """{"type":"string","pattern":"^\\d+\\.\\d+(\\.\\d+){0,2}$"}""");
        ShouldBeJson(properties["optionalGauge"], """{"type":["number","null"]}""");
    }

    [Fact]
    public void Generate_DatesAndIdentifiers_KeepFormatsModelsUse()
    {
        var schema = Generate(nameof(SchemaSignatures.Dates));

        var properties = schema["properties"]!;
        ShouldBeJson(properties["day"], """{"type":"string","format":"date"}""");
        ShouldBeJson(properties["at"], """{"type":"string","format":"time"}""");
        ShouldBeJson(properties["moment"], """{"type":"string","format":"date-time"}""");
        ShouldBeJson(properties["instant"], """{"type":"string","format":"date-time"}""");
        ShouldBeJson(properties["id"], """{"type":"string","format":"uuid"}""");
        ShouldBeJson(properties["link"], """{"type":"string","format":"uri"}""");
    }

    [Fact]
    public void Generate_TimeSpan_StatesTheFormatTheSerializerReads()
    {
        var schema = Generate(nameof(SchemaSignatures.Span));

        var duration = schema["properties"]!["duration"]!.AsObject();
        duration.ContainsKey("format").Should().BeFalse("System.Text.Json does not read ISO 8601 durations");
        duration["description"]!.GetValue<string>().Should().Contain("hh:mm:ss");
        var pattern = new Regex(duration["pattern"]!.GetValue<string>());
        foreach (var value in new[] { TimeSpan.FromMinutes(90), TimeSpan.FromDays(2.5), TimeSpan.FromMilliseconds(1500), -TimeSpan.FromHours(1) })
        {
            var written = JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, WebOptions))!;
            pattern.IsMatch(written).Should().BeTrue($"the serializer writes {value} as '{written}'");
        }

        pattern.IsMatch("PT1H30M").Should().BeFalse();
    }

    [Fact]
    public void Generate_StringEnum_WritesMemberNamesAsTheSerializerDoes()
    {
        var camelEnums = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

        var schema = Generate(nameof(SchemaSignatures.Enums));
        var camelSchema = Generate(nameof(SchemaSignatures.Enums), options: camelEnums);

        ShouldBeJson(schema["properties"]!["cuisine"], """{"type":"string","enum":["Italian","FrenchBistro","Sushi"]}""");
        ShouldBeJson(schema["properties"]!["alternatives"], """{"type":"array","items":{"type":"string","enum":["Italian","FrenchBistro","Sushi"]}}""");
        ShouldBeJson(camelSchema["properties"]!["cuisine"], """{"type":"string","enum":["italian","frenchBistro","sushi"]}""");
        JsonSerializer.Deserialize<Cuisine>("\"frenchBistro\"", camelEnums).Should().Be(Cuisine.FrenchBistro);
    }

    [Fact]
    public void Generate_EnumWithoutStringConverter_WritesIntegersAndNamesTheValues()
    {
        var integerEnums = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var schema = Generate(nameof(SchemaSignatures.Enums), options: integerEnums);

        ShouldBeJson(
            schema["properties"]!["cuisine"],
            """{"type":"integer","description":"Values: 0 = Italian, 1 = FrenchBistro, 2 = Sushi.","enum":[0,1,2]}""");
    }

    [Fact]
    public void Generate_NullableTypes_UseTypeUnionsInsteadOfOneOf()
    {
        var schema = Generate(nameof(SchemaSignatures.Nullables));

        var properties = schema["properties"]!;
        ShouldBeJson(properties["count"], """{"type":["integer","null"]}""");
        ShouldBeJson(properties["note"], """{"type":["string","null"]}""");
        ShouldBeJson(properties["day"], """{"type":["string","null"],"format":"date"}""");
        ShouldBeJson(properties["cuisine"], """{"type":["string","null"],"enum":["Italian","FrenchBistro","Sushi",null]}""");
        properties["address"]!["type"]!.ToJsonString().Should().Be("""["object","null"]""");
        properties["address"]!["properties"]!["street"].Should().NotBeNull();
        schema.ContainsKey("required").Should().BeFalse("nullable parameters are optional");
        KeysOf(schema).Should().NotContain(["oneOf", "anyOf", "$ref"]);
    }

    [Fact]
    public void Generate_RecordWithPrimaryConstructor_InlinesItWithConstructorParameterAnnotations()
    {
        var schema = Generate(nameof(SchemaSignatures.Record));

        ShouldBeJson(schema["properties"]!["address"], """
            {"type":"object","properties":{
              "street":{"type":"string","description":"Street and house number"},
              "city":{"type":"string","description":"City name"},
              "postalCode":{"type":["string","null"],"minLength":4,"maxLength":10}},
             "required":["street","city"],"additionalProperties":false}
            """);
    }

    [Fact]
    public void Generate_RecordParameterWithoutDefault_IsRequiredAsTheSerializerRequiresIt()
    {
        var lenient = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var demanding = new JsonSerializerOptions(JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true };

        var lenientSchema = Generate(nameof(SchemaSignatures.RecordWithNullable), options: lenient);
        var demandingSchema = Generate(nameof(SchemaSignatures.RecordWithNullable), options: demanding);

        lenientSchema["properties"]!["booking"]!["required"]!.ToJsonString().Should().Be("""["id"]""");
        demandingSchema["properties"]!["booking"]!["required"]!.ToJsonString().Should().Be("""["id","note"]""");
        var missingNote = () => JsonSerializer.Deserialize<Booking>("""{"id":"5d1c2a7e-0000-4000-8000-000000000000"}""", demanding);
        missingNote.Should().Throw<JsonException>("the demanding options reject what the schema marks required");
    }

    [Fact]
    public void Generate_RecordParameterWithDefault_WritesTheDefaultTheSerializerFillsIn()
    {
        var schema = Generate(nameof(SchemaSignatures.RequiredStrings));

        var table = schema["properties"]!["table"]!;
        ShouldBeJson(table["properties"]!["seats"], """{"type":"integer","default":4}""");
        ShouldBeJson(table["properties"]!["cuisine"], """{"type":"string","enum":["Italian","FrenchBistro","Sushi"],"default":"Italian"}""");
        ShouldBeJson(table["properties"]!["area"], """{"type":"string","default":"indoor"}""");
        ShouldBeJson(table["properties"]!["note"], """{"type":["string","null"]}""");
        table["required"]!.ToJsonString().Should().Be("""["label"]""");
        var missing = JsonSerializer.Deserialize<Table>("""{"label":"T1"}""", WebOptions)!;
        (missing.Seats, missing.Cuisine, missing.Area).Should().Be((4, Cuisine.Italian, "indoor"));
    }

    [Fact]
    public void Generate_RequiredStringParameter_MustNotBeEmpty()
    {
        var schema = Generate(nameof(SchemaSignatures.RequiredStrings));

        var properties = schema["properties"]!;
        ShouldBeJson(properties["name"], """{"type":"string","minLength":1}""");
        ShouldBeJson(properties["note"], """{"type":"string","minLength":1,"maxLength":200}""");
        ShouldBeJson(properties["code"], """{"type":"string"}""");
        ShouldBeJson(properties["cuisine"], """{"type":"string","enum":["Italian","FrenchBistro","Sushi"]}""");
        ShouldBeJson(properties["day"], """{"type":"string","format":"date"}""");
        ShouldBeJson(properties["table"]!["properties"]!["label"], """{"type":"string","minLength":1}""");
    }

    [Fact]
    public void Generate_ComplexType_AppliesPropertyAnnotationsAndDescriptions()
    {
        var schema = Generate(nameof(SchemaSignatures.Complex));

        var guest = schema["properties"]!["guest"]!;
        guest["description"]!.GetValue<string>().Should().Be("A guest of the restaurant");
        guest["required"]!.ToJsonString().Should().Be("""["name","birthday"]""");
        var properties = guest["properties"]!;
        ShouldBeJson(properties["name"], """{"type":"string","description":"Full name","minLength":1}""");
        ShouldBeJson(properties["email"], """{"type":["string","null"],"format":"email"}""");
        ShouldBeJson(properties["phone"], """{"type":["string","null"]}""");
        ShouldBeJson(properties["tier"], """{"type":"integer","minimum":1,"maximum":5}""");
        ShouldBeJson(properties["tags"], """{"type":"array","minItems":1,"maxItems":3,"items":{"type":"string"}}""");
        ShouldBeJson(properties["seat"], """{"type":["string","null"],"enum":["window","terrace"]}""");
        ShouldBeJson(properties["country"], """{"type":["string","null"],"pattern":"^[A-Z]{2}$"}""");
        ShouldBeJson(properties["birthday"], """{"type":"string","format":"date"}""");
        ShouldBeJson(properties["initial"], """{"type":"string","minLength":1,"maxLength":1}""");
        properties["home"]!["type"]!.ToJsonString().Should().Be("""["object","null"]""");
        ShouldBeJson(properties["favourite"], """{"type":["string","null"],"enum":["Italian","FrenchBistro","Sushi",null]}""");
    }

    [Fact]
    public void Generate_DerivedClass_FlattensInheritedProperties()
    {
        var schema = Generate(nameof(SchemaSignatures.Inherited));

        ShouldBeJson(schema["properties"]!["party"], """
            {"type":"object","properties":{"company":{"type":"string"},"size":{"type":"integer"}},"additionalProperties":false}
            """);
    }

    [Fact]
    public void Generate_ParameterAnnotations_MapToSchemaKeywords()
    {
        var schema = Generate(nameof(SchemaSignatures.ParameterAnnotations));

        var properties = schema["properties"]!;
        ShouldBeJson(properties["guests"], """{"type":"integer","minimum":1,"maximum":20}""");
        ShouldBeJson(properties["name"], """{"type":"string","minLength":2,"maxLength":40}""");
        ShouldBeJson(properties["pin"], """{"type":"string","pattern":"^[0-9]{4}$"}""");
        ShouldBeJson(properties["email"], """{"type":"string","format":"email"}""");
        ShouldBeJson(properties["website"], """{"type":"string","format":"uri"}""");
        ShouldBeJson(properties["phone"], """{"type":"string"}""");
        ShouldBeJson(properties["dishes"], """{"type":"array","minItems":1,"maxItems":3,"items":{"type":"string"}}""");
        ShouldBeJson(properties["code"], """{"type":"string","minLength":2,"maxLength":8}""");
        ShouldBeJson(properties["sitting"], """{"type":"string","enum":["lunch","dinner"]}""");
        ShouldBeJson(properties["percentage"], """{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":100}""");
        ShouldBeJson(properties["rating"], """{"type":"number","minimum":0.5,"maximum":9.5}""");
    }

    [Fact]
    public void Generate_Collections_BecomeArraysAndDictionariesBecomeOpenMaps()
    {
        var schema = Generate(nameof(SchemaSignatures.Collections));

        var properties = schema["properties"]!;
        ShouldBeJson(properties["numbers"], """{"type":"array","items":{"type":"integer"}}""");
        ShouldBeJson(properties["names"], """{"type":"array","items":{"type":"string"}}""");
        ShouldBeJson(properties["ids"], """{"type":"array","items":{"type":"string","format":"uuid"}}""");
        ShouldBeJson(properties["seats"], """{"type":"array","items":{"type":"integer"}}""");
        properties["addresses"]!["items"]!["properties"]!["city"].Should().NotBeNull();
        ShouldBeJson(properties["stock"], """{"type":"object","additionalProperties":{"type":"integer"}}""");
        properties["sites"]!["additionalProperties"]!["required"]!.ToJsonString().Should().Be("""["street","city"]""");
    }

    [Fact]
    public void Generate_JsonAndObjectParameters_AcceptAnyValue()
    {
        var schema = Generate(nameof(SchemaSignatures.AnyValues));

        var properties = schema["properties"]!;
        ShouldBeJson(properties["element"], "{}");
        ShouldBeJson(properties["node"], "{}");
        ShouldBeJson(properties["value"], "{}");
    }

    [Fact]
    public void Generate_RecursiveType_KeepsOneReferenceToSharedDefinition()
    {
        var schema = Generate(nameof(SchemaSignatures.Recursive));

        var tree = schema["properties"]!["tree"]!;
        tree["properties"]!["label"].Should().NotBeNull("the first level is inlined");
        ShouldBeJson(tree["properties"]!["children"], """{"type":"array","items":{"$ref":"#/$defs/TreeNode"}}""");
        ShouldBeJson(schema["$defs"]!["TreeNode"], """
            {"type":"object","properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/TreeNode"}}},"additionalProperties":false}
            """);
    }

    [Fact]
    public void Generate_OptionalParameters_AreNotRequiredAndCarryTheirDefault()
    {
        var schema = Generate(nameof(SchemaSignatures.Optional));

        schema["required"]!.ToJsonString().Should().Be("""["date"]""");
        var properties = schema["properties"]!;
        ShouldBeJson(properties["date"], """{"type":"string","description":"Day of the visit","format":"date"}""");
        ShouldBeJson(properties["guests"], """{"type":"integer","default":2}""");
        ShouldBeJson(properties["note"], """{"type":["string","null"]}""");
        ShouldBeJson(properties["cuisine"], """{"type":"string","enum":["Italian","FrenchBistro","Sushi"],"default":"Sushi"}""");
        ShouldBeJson(properties["greeting"], """{"type":"string","maxLength":20,"default":"Welcome"}""");
    }

    [Fact]
    public void Generate_RequiredParameters_AreListedInMethodOrder()
    {
        var schema = Generate(nameof(SchemaSignatures.Primitives));

        schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(
            "count", "total", "small", "tiny", "offset", "visits", "big", "ratio", "weight", "price", "confirmed", "initial", "text");
    }

    [Fact]
    public void Generate_NoParameters_ReturnsClosedEmptyObject()
    {
        var schema = Generate(nameof(SchemaSignatures.None));
        var strictSchema = Generate(nameof(SchemaSignatures.None), strict: true);

        ShouldBeJson(schema, """{"type":"object","properties":{},"additionalProperties":false}""");
        ShouldBeJson(strictSchema, """{"type":"object","properties":{},"additionalProperties":false}""");
    }

    [Fact]
    public void Generate_SerializerNamingPolicy_NamesNestedProperties()
    {
        var snakeCase = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        var schema = Generate(nameof(SchemaSignatures.Record), options: snakeCase);

        schema["properties"]!["address"]!["properties"]!.AsObject().Select(p => p.Key).Should().Equal("street", "city", "postal_code");
    }

    [Fact]
    public void Generate_CatalogDefaultOptionsMadeReadOnly_GeneratesTheSameSchema()
    {
        var catalogOptions = ToolJson.CreateDefaultOptions();
        catalogOptions.MakeReadOnly(populateMissingResolver: true);

        var schema = Generate(nameof(SchemaSignatures.Complex), options: catalogOptions);

        schema.ToJsonString().Should().Be(Generate(nameof(SchemaSignatures.Complex)).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(AllSignatures))]
    public void Generate_AnySignature_HasNoGeneratorNoiseAndClosesEveryObject(string method)
    {
        foreach (var strict in new[] { false, true })
        {
            var schema = Generate(method, strict);

            KeysOf(schema).Should().NotContain(["$schema", "title", "definitions", "oneOf", "allOf"]);
            KeysOf(schema).Should().NotContain(k => k.StartsWith("x-", StringComparison.Ordinal));
            schema.ToJsonString().Should().NotContain("#/definitions/");
            foreach (var objectSchema in Schemas(schema).Where(s => TypeNames(s).Contains("object")))
            {
                objectSchema.ContainsKey("additionalProperties").Should().BeTrue(objectSchema.ToJsonString());
                if (objectSchema.ContainsKey("properties"))
                {
                    objectSchema["additionalProperties"]!.GetValueKind().Should().Be(JsonValueKind.False, objectSchema.ToJsonString());
                }
            }
        }
    }

    [Fact]
    public void Generate_Strict_RequiresEveryParameterAndMakesOptionalOnesNullable()
    {
        var schema = Generate(nameof(SchemaSignatures.Optional), strict: true);

        schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("date", "guests", "note", "cuisine", "greeting", "menu");
        var properties = schema["properties"]!;
        ShouldBeJson(properties["date"], """{"type":"string","description":"Day of the visit","format":"date"}""");
        ShouldBeJson(properties["guests"], """{"type":["integer","null"],"description":"Default: 2."}""");
        ShouldBeJson(properties["note"], """{"type":["string","null"]}""");
        ShouldBeJson(properties["cuisine"], """{"type":["string","null"],"description":"Default: \"Sushi\".","enum":["Italian","FrenchBistro","Sushi",null]}""");
        ShouldBeJson(properties["greeting"], """{"type":["string","null"],"description":"At most 20 characters. Default: \"Welcome\"."}""");
        ShouldBeJson(properties["menu"], """{"type":["string","null"],"description":"Must be a URI."}""");
    }

    [Fact]
    public void Generate_Strict_KeepsKeywordsStrictModeSupportsAndFoldsTheOthers()
    {
        var schema = Generate(nameof(SchemaSignatures.ParameterAnnotations), strict: true);

        var properties = schema["properties"]!;
        ShouldBeJson(properties["guests"], """{"type":"integer","minimum":1,"maximum":20}""");
        ShouldBeJson(properties["name"], """{"type":"string","description":"Between 2 and 40 characters."}""");
        ShouldBeJson(properties["pin"], """{"type":"string","pattern":"^[0-9]{4}$"}""");
        ShouldBeJson(properties["email"], """{"type":"string","format":"email"}""");
        ShouldBeJson(properties["website"], """{"type":"string","description":"Must be a URI."}""");
        ShouldBeJson(properties["dishes"], """{"type":"array","minItems":1,"maxItems":3,"items":{"type":"string"}}""");
        ShouldBeJson(properties["code"], """{"type":"string","description":"Between 2 and 8 characters."}""");
        ShouldBeJson(properties["percentage"], """{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":100}""");
    }

    [Fact]
    public void Generate_StrictNestedObject_RequiresEveryPropertyAndAddsNullOnlyWhereTheTypeTakesIt()
    {
        var schema = Generate(nameof(SchemaSignatures.Complex), strict: true);

        var guest = schema["properties"]!["guest"]!;
        guest["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(
            "name", "email", "phone", "tier", "tags", "seat", "country", "birthday", "home", "favourite", "initial");
        var properties = guest["properties"]!;
        ShouldBeJson(properties["tier"], """{"type":"integer","minimum":1,"maximum":5}""");
        ShouldBeJson(properties["email"], """{"type":["string","null"],"format":"email"}""");
        ShouldBeJson(properties["name"], """{"type":"string","description":"Full name. At least 1 character."}""");
        properties["home"]!["required"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public void Generate_StrictRecursiveType_ConvertsTheSharedDefinitionToo()
    {
        var schema = Generate(nameof(SchemaSignatures.Recursive), strict: true);

        schema["$defs"]!["TreeNode"]!["required"]!.ToJsonString().Should().Be("""["label","children"]""");
        StrictSchemaConverter.IsStrictCompatible(schema).Should().BeTrue();
    }

    [Theory]
    [InlineData(nameof(SchemaSignatures.Collections), false)]
    [InlineData(nameof(SchemaSignatures.AnyValues), false)]
    [InlineData(nameof(SchemaSignatures.Complex), true)]
    [InlineData(nameof(SchemaSignatures.Optional), true)]
    public void IsStrictCompatible_Schema_RejectsDictionariesAndAnyValues(string method, bool expected)
    {
        var schema = Generate(method, strict: true);

        StrictSchemaConverter.IsStrictCompatible(schema).Should().Be(expected);
    }

    [Fact]
    public void Generate_SameInputTwice_ProducesIdenticalJson()
    {
        var first = Generate(nameof(SchemaSignatures.Complex)).ToJsonString();

        var second = Generate(nameof(SchemaSignatures.Complex)).ToJsonString();

        second.Should().Be(first);
    }

    [Fact]
    public void Generate_TwoParametersWithOneJsonName_ThrowsNamingTheMethod()
    {
        var method = typeof(SchemaSignatures).GetMethod(nameof(SchemaSignatures.Named))!;
        var parameters = method.GetParameters().Select(p => new ToolParameter(p, "same", null, true)).ToList();

        var act = () => new ToolSchemaGenerator(WebOptions).Generate(parameters, strict: false);

        act.Should().Throw<InvalidOperationException>().WithMessage("*SchemaSignatures.Named*'same'*");
    }

    public static TheoryData<string> AllSignatures()
    {
        var data = new TheoryData<string>();
        foreach (var method in typeof(SchemaSignatures).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            data.Add(method.Name);
        }

        return data;
    }

    private static JsonObject Generate(string method, bool strict = false, JsonSerializerOptions? options = null)
    {
        options ??= WebOptions;
        var parameters = typeof(SchemaSignatures).GetMethod(method)!.GetParameters()
            .Select(p => new ToolParameter(
                p,
                options.PropertyNamingPolicy?.ConvertName(p.Name!) ?? p.Name!,
                p.GetCustomAttribute<DescriptionAttribute>()?.Description,
                isRequired: !p.HasDefaultValue && new NullabilityInfoContext().Create(p).WriteState != NullabilityState.Nullable))
            .ToList();

        return new ToolSchemaGenerator(options).Generate(parameters, strict);
    }

    private static void ShouldBeJson(JsonNode? actual, string expected)
    {
        var expectedNode = JsonNode.Parse(expected);
        JsonNode.DeepEquals(actual, expectedNode).Should().BeTrue(
            $"expected {expectedNode?.ToJsonString()}{Environment.NewLine}but found {actual?.ToJsonString() ?? "nothing"}");
    }

    private static List<string> KeysOf(JsonNode? node)
    {
        var keys = new List<string>();
        Collect(node);
        return keys;

        void Collect(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        keys.Add(key);
                        Collect(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Collect(item);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static IEnumerable<JsonObject> Schemas(JsonObject schema)
    {
        yield return schema;
        var children = new List<JsonNode?>();
        children.AddRange(schema["properties"]?.AsObject().Select(p => p.Value) ?? []);
        children.AddRange(schema["$defs"]?.AsObject().Select(p => p.Value) ?? []);
        children.AddRange(schema["anyOf"]?.AsArray() ?? []);
        children.Add(schema["items"]);
        children.Add(schema["additionalProperties"]);
        foreach (var child in children.OfType<JsonObject>())
        {
            foreach (var descendant in Schemas(child))
            {
                yield return descendant;
            }
        }
    }

    private static List<string> TypeNames(JsonObject schema) => schema["type"] switch
    {
        JsonValue single => [single.GetValue<string>()],
        JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
        _ => [],
    };
}
