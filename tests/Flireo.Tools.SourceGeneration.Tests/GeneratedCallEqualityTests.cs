using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Flireo.Tools.SourceGeneration.Tests;

/// <summary>
/// For every tool of the examples and test projects, binds a table of good and bad arguments per parameter with the
/// generated contracts and with reflection, and calls the tools through the router on both paths: the errors, the
/// bound values and the results must be the same.
/// </summary>
public sealed class GeneratedCallEqualityTests(ITestOutputHelper output)
{
    // Every kind of JSON value a model may send, good for some parameter types and bad for others.
    private static readonly string[] Values =
    [
        "null", "0", "true", "false", "\"x\"", "\"\"", "1", "-1", "7", "2", "1.5", "-0.0", "1e400", "-1e400", "1e10", "255", "256", "-129",
        "65536", "4294967296", "9223372036854775808", "123456789012345678901234567890", "\" \"", "\"ab\"", "\"abc\"", "\"12\"", "\"1.5\"",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"true\"", "\"2025-12-31\"", "\"2025-02-30\"", "\"2025-12-31T19:30:00Z\"",
        "\"2025-12-31T19:30:00+01:00\"", "\"2025-12-31 19:30\"", "\"19:30\"", "\"19:30:00.5\"", "\"19:30:00Z\"", "\"19:30:00+01:00\"",
        "\"19:30:00.123456789-05:00\"", "\"25:00\"", "\"01:30:00\"", "\"2.00:00:00\"", "\"-01:00:00\"", "\"1:2:3:4\"",
        "\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"", "\"{3fa85f64-5717-4562-b3fc-2c963f66afa6}\"", "\"not-a-guid\"",
        "\"https://example.com/a?b=c\"", "\"/relative\"", "\"::\"", "\"a@example.com\"", "\"+31 6 12345678\"", "\"\\u0000\"",
        "\"\\ud800\"", "\"" + new string('x', 300) + "\"", "[]", "[1]", "[1,\"x\"]", "[null]", "[\"a\",\"b\"]", "[1.5]", "[[1]]",
        "[\"2025-12-31\"]", "[\"19:30\"]", "[\"1e400\"]", "{}", "{\"a\":1}",
    ];

    public static TheoryData<string> ToolSources() => GeneratedCatalogEqualityTests.ToolSources();

    [Theory]
    [MemberData(nameof(ToolSources))]
    public void Bind_TableOfArgumentsPerParameter_GeneratedAndReflectionGiveTheSameErrorsAndValues(string source)
    {
        var assembly = ToolSourceCompiler.Compile(source);
        var generated = GeneratedToolCatalog.For(assembly)!;
        int cases = 0, errors = 0, contracts = 0, parameters = 0;
        foreach (var type in generated.Tools.Select(t => t.ToolType).Distinct())
        {
            using var withCatalog = ToolSourceCompiler.BuildProvider(b => b.AddTools(type), useGenerated: true);
            using var withReflection = ToolSourceCompiler.BuildProvider(b => b.AddTools(type), useGenerated: false);
            var catalog = withCatalog.GetRequiredService<ToolCatalog>();
            var reflection = withReflection.GetRequiredService<ToolCatalog>();
            foreach (var tool in catalog.Tools)
            {
                reflection.TryGetTool(tool.Name, out var reflected).Should().BeTrue();
                tool.Invoker.IsGenerated.Should().BeTrue($"{tool.Name} is called by the generated invoker");
                reflected!.Invoker.IsGenerated.Should().BeFalse();
                reflected.Bindings.Should().NotContain(b => b != null && b.TypeInfo != null, "reflection is forced");
                var models = tool.Bindings.Where(b => b?.Source == ParameterSource.Model).ToList();
                parameters += models.Count;
                contracts += models.Count(b => b.TypeInfo is not null);
                foreach (var arguments in Cases(tool, catalog.SerializerOptions))
                {
                    var (generatedError, generatedValues) = Bind(tool, arguments, catalog.SerializerOptions);
                    var (reflectionError, reflectionValues) = Bind(reflected, arguments, reflection.SerializerOptions);
                    generatedError.Should().Be(reflectionError, $"{tool.Name} with {arguments}");
                    generatedValues.Should().Equal(reflectionValues, $"{tool.Name} with {arguments}");
                    cases++;
                    errors += reflectionError is null ? 0 : 1;
                }
            }
        }

        output.WriteLine($"{source}: {cases} argument sets ({errors} rejected), {contracts} of {parameters} model parameters read by generated contracts.");
        cases.Should().BeGreaterThan(0);
        contracts.Should().BeGreaterThan(parameters / 2, "records, dictionaries and JSON values are the only parameters left to reflection");
    }

    [Theory]
    [MemberData(nameof(ToolSources))]
    public async Task Route_GoodArguments_GeneratedAndReflectionGiveTheSameResults(string source)
    {
        var assembly = ToolSourceCompiler.Compile(source);
        var generated = GeneratedToolCatalog.For(assembly)!;
        var called = 0;
        foreach (var type in generated.Tools.Select(t => t.ToolType).Distinct())
        {
            await using var withCatalog = ToolSourceCompiler.BuildProvider(b => b.AddTools(type), useGenerated: true);
            await using var withReflection = ToolSourceCompiler.BuildProvider(b => b.AddTools(type), useGenerated: false);
            var catalog = withCatalog.GetRequiredService<ToolCatalog>();
            foreach (var tool in catalog.Tools.Where(t => !t.IsAsync))
            {
                var arguments = JsonNode.Parse(Object(GoodArguments(tool, catalog.SerializerOptions)))!.AsObject();
                var fromCatalog = await RouteAsync(withCatalog, tool.Name, arguments);
                var fromReflection = await RouteAsync(withReflection, tool.Name, arguments);
                fromCatalog.Should().Be(fromReflection, $"{tool.Name} with {arguments}");
                output.WriteLine($"{tool.Name} {arguments} -> {fromCatalog}");
                called++;
            }
        }

        output.WriteLine($"{source}: {called} tools called on both paths.");
    }

    internal static async Task<string> RouteAsync(IServiceProvider services, string tool, JsonObject arguments)
    {
        using var message = Webhook(tool, arguments);
        var response = await services.GetRequiredService<ToolRouter>().RouteAsync(message, CancellationToken.None);
        return response.ToString();
    }

    private static WebhookMessage Webhook(string tool, JsonObject arguments)
    {
        var json = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["type"] = "tool-calls",
                ["call"] = new JsonObject { ["id"] = "call-1", ["type"] = "inboundPhoneCall", ["status"] = "in-progress" },
                ["customer"] = new JsonObject { ["number"] = "+31612345678" },
                ["toolCallList"] = new JsonArray(new JsonObject
                {
                    ["id"] = "t1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = arguments.DeepClone() },
                }),
            },
        };
        WebhookMessage.TryParse(Encoding.UTF8.GetBytes(json.ToJsonString()), out var message, out var error).Should().BeTrue(error);
        return message!;
    }

    private static (string? Error, List<string> Values) Bind(ToolDescriptor tool, string arguments, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(arguments);
        var values = new object?[tool.Bindings.Length];
        var error = ArgumentBinder.Bind(tool.Name, tool.Bindings, document.RootElement, options, values);
        return (error, error is null ? [.. values.Select(Describe)] : []);
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable items and not string => value.GetType() + ":" + string.Join(",", items.Cast<object?>().Select(Describe)),
        // A lone surrogate ("\ud800") and Half NaN have no JSON form; their code units and text say the same.
        JsonElement element => "JsonElement:" + element.GetRawText(),
        string text => "System.String:" + Convert.ToHexString(Encoding.Unicode.GetBytes(text)),
        char character => "System.Char:" + (int)character,
        Half half => value.GetType() + ":" + half.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetType() + ":" + Serialize(value),
    };

    private static string Serialize(object value)
    {
        try
        {
            return JsonSerializer.Serialize(value, value.GetType());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // A record holding a lone surrogate: its text, as code units.
            return Convert.ToHexString(Encoding.Unicode.GetBytes(value.ToString() ?? string.Empty));
        }
    }

    // Per model parameter: missing, every value of the table, the enum's own names, and the name in another casing; the
    // other parameters get the first value that binds, so that the binder reaches the parameter under test. The JSON is
    // written as text: some values ("\ud800") are valid JSON that no .NET string can hold.
    private static IEnumerable<string> Cases(ToolDescriptor tool, JsonSerializerOptions options)
    {
        yield return "null";
        yield return "5";
        yield return "[]";
        yield return "\"not json\"";
        yield return "\"{}\"";
        var good = GoodArguments(tool, options);
        yield return Object(good);
        foreach (var binding in tool.Bindings.Where(b => b?.Source == ParameterSource.Model))
        {
            var name = binding.Model!.Name;
            var without = good.Where(p => p.Name != name).ToList();
            yield return Object(without);
            foreach (var value in ValuesFor(binding.Type))
            {
                yield return Object([.. without, (name, value)]);
                yield return Object([.. without, (name.ToUpperInvariant(), value)]);
            }
        }
    }

    private static List<(string Name, string Json)> GoodArguments(ToolDescriptor tool, JsonSerializerOptions options)
    {
        var good = new List<(string Name, string Json)>();
        foreach (var binding in tool.Bindings.Where(b => b?.Source == ParameterSource.Model))
        {
            var name = binding.Model!.Name;
            foreach (var value in ValuesFor(binding.Type).Where(v => v != "null"))
            {
                var error = Bind(tool, Object([.. good, (name, value)]), options).Error;
                if (error is null || !error.Contains($"'{name}", StringComparison.Ordinal))
                {
                    good.Add((name, value));
                    break;
                }
            }
        }

        return good;
    }

    private static string Object(IEnumerable<(string Name, string Json)> properties) =>
        "{" + string.Join(",", properties.Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Json)) + "}";

    private static IEnumerable<string> ValuesFor(Type type)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        var element = TypeFacts.GetElementType(core) is { } e ? Nullable.GetUnderlyingType(e) ?? e : null;
        var enumType = core.IsEnum ? core : element is { IsEnum: true } ? element : null;
        if (enumType is null)
        {
            return Values;
        }

        var names = Enum.GetNames(enumType);
        var texts = names.Select(n => $"\"{n}\"").Concat(names.Select(n => $"\"{n.ToLowerInvariant()}\""))
            .Append($"\"{string.Join(", ", names.Take(2))}\"").Append("\"1\"").Append("99");
        return element is null ? texts.Concat(Values) : texts.Select(t => $"[{t}]").Append($"[{string.Join(",", names.Select(n => $"\"{n}\""))}]").Concat(Values);
    }
}
