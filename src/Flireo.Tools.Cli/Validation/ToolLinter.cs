using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Flireo.Tools.Cli.Validation;

/// <summary>Checks a valid tool for what a reviewer would flag: missing descriptions, naming, untyped parameters, schemas strict mode rejects.</summary>
internal static partial class ToolLinter
{
    private static readonly HashSet<Type> AnyJsonTypes =
    [
        typeof(object), typeof(JsonElement), typeof(JsonDocument), typeof(JsonNode), typeof(JsonObject), typeof(JsonArray), typeof(JsonValue),
    ];

    /// <summary>The longest a sync tool may keep the caller waiting in silence: past it, FLT107 asks for a Message.</summary>
    private static readonly TimeSpan DeadAirThreshold = TimeSpan.FromSeconds(3);

    /// <summary>Lints one tool.</summary>
    /// <param name="tool">The tool, as the server would serve it.</param>
    /// <param name="options">The Flireo options in effect (for the sync deadline, which is also the time limit of a sync tool without its own).</param>
    /// <returns>The findings, in rule order: a missing description is an error, the rest are warnings.</returns>
    public static List<Finding> Lint(ToolDescriptor tool, FlireoToolsOptions options)
    {
        var findings = new List<Finding>();
        var location = $"{tool.ToolType.FullName}.{tool.Method.Name}";
        void Warn(string code, string message) => findings.Add(new Finding(ValidationRules.SeverityOf(code), code, location, message));

        if (string.IsNullOrWhiteSpace(tool.Description))
        {
            Warn(ValidationRules.MissingToolDescription, $"Tool '{tool.Name}' has no description; the platform's tool definition requires one and the model chooses tools by it. Set Description on [FlireoTool] or add [Description(\"...\")] to the method.");
        }

        if (!SnakeCase().IsMatch(tool.Name))
        {
            Warn(ValidationRules.NameNotSnakeCase, $"Tool name '{tool.Name}' is not snake_case. Rename it, for example [FlireoTool(\"{SuggestSnakeCase(tool.Name)}\")].");
        }

        var untyped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in tool.Parameters)
        {
            if (string.IsNullOrWhiteSpace(parameter.Description))
            {
                Warn(ValidationRules.MissingParameterDescription, $"Parameter '{parameter.Name}' of tool '{tool.Name}' has no description; the model guesses what to send from the name alone. Add [Description(\"...\")] to the parameter.");
            }

            if (DescribeUntypedParameter(parameter) is { } typeName)
            {
                untyped.Add(parameter.Name);
                Warn(ValidationRules.UntypedParameter, $"Parameter '{parameter.Name}' of tool '{tool.Name}' has type '{typeName}': the model gets no schema for it and may send anything. Use a concrete type (a record, an enum, a string or a number).");
            }
        }

        var strictIssues = new List<(string Path, string Reason)>();
        if (tool.StrictParametersSchema.ValueKind == JsonValueKind.Object
            && tool.StrictParametersSchema.TryGetProperty("properties"u8, out var properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (!untyped.Contains(property.Name))
                {
                    FindStrictIssues(property.Value, property.Name, strictIssues);
                }
            }
        }

        foreach (var (path, reason) in strictIssues.Distinct())
        {
            Warn(ValidationRules.NotStrictCompatible, $"The schema of tool '{tool.Name}' cannot be made strict at '{path}': {reason}. OpenAI strict mode rejects it; use a class with fixed properties instead.");
        }

        if (tool.HandOffAfter is { } handOff && handOff >= options.SyncTimeout)
        {
            Warn(ValidationRules.StartupProblem, string.Create(CultureInfo.InvariantCulture, $"The tool '{tool.Name}' hands off after {handOff.TotalSeconds:0.###} seconds (HandOffAfterSeconds), which must be shorter than Flireo:SyncTimeout ({options.SyncTimeout.TotalSeconds:0.###} seconds), or the webhook's deadline passes before the tool hands off."));
        }

        if ((tool.AnnounceResult || tool.HandOffAfter is not null) && string.IsNullOrWhiteSpace(options.Api.Key))
        {
            var what = tool.AnnounceResult ? "announces its result into the call (AnnounceResult)" : "hands off and speaks its result into the call later (HandOffAfterSeconds)";
            Warn(ValidationRules.MissingApiKey, $"Tool '{tool.Name}' {what}, which needs a Flireo API key, and Flireo:Api:Key is not set here. Set it where the server runs (environment Flireo__Api__Key, from the dashboard's Settings › API Keys); the self-hosted server refuses to start without it outside Development.");
        }

        if (!tool.IsAsync && tool.HandOffAfter is null && tool.Timeout is { } timeout && timeout >= options.SyncTimeout)
        {
            Warn(ValidationRules.IneffectiveTimeout, string.Create(CultureInfo.InvariantCulture, $"Tool '{tool.Name}' sets TimeoutSeconds = {timeout.TotalSeconds:0.###}, but every sync call ends at the webhook deadline (Flireo:SyncTimeout = {options.SyncTimeout.TotalSeconds:0.###} s), so it has no effect; Flireo waits at most 10 s. Lower it or remove it."));
        }

        // A tool that hands off keeps the caller waiting until the hand-off at most; then the hand-off text answers.
        var limit = tool.HandOffAfter is { } silence && silence < options.SyncTimeout ? silence
            : !tool.IsAsync && tool.Timeout is { } own && own < options.SyncTimeout ? own : options.SyncTimeout;
        if (!tool.IsAsync && limit > DeadAirThreshold && string.IsNullOrWhiteSpace(tool.Message))
        {
            Warn(ValidationRules.DeadAir, string.Create(CultureInfo.InvariantCulture, $"Tool '{tool.Name}' is sync and may run up to {limit.TotalSeconds:0.###} s with no Message, so the caller hears silence until the result comes. Set Message on [FlireoTool] (said while it runs, for example \"Let me check that for you.\"), or TimeoutSeconds = 3 or less if it always answers fast."));
        }

        return findings;
    }

    private static string? DescribeUntypedParameter(ToolParameter parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (AnyJsonTypes.Contains(type))
        {
            return type == typeof(object) && parameter.Parameter.IsDefined(typeof(DynamicAttribute), inherit: false) ? "dynamic" : FormatType(type);
        }

        var element = type.IsArray
            ? type.GetElementType()
            : type.IsGenericType ? type.GetGenericArguments()[^1] : null;
        return element is not null && AnyJsonTypes.Contains(element) && (type.IsArray || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            ? FormatType(type)
            : null;
    }

    private static string FormatType(Type type)
    {
        if (type == typeof(object))
        {
            return "object";
        }

        if (type.IsArray)
        {
            return FormatType(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FormatType))}>";
    }

    private static void FindStrictIssues(JsonElement schema, string path, List<(string Path, string Reason)> issues)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("additionalProperties"u8, out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            issues.Add((path, "it is a dictionary with free-form keys"));
            return;
        }

        if (!schema.TryGetProperty("type"u8, out _) && !schema.TryGetProperty("$ref"u8, out _) && !schema.TryGetProperty("anyOf"u8, out _)
            && !schema.TryGetProperty("enum"u8, out _) && !schema.TryGetProperty("const"u8, out _))
        {
            issues.Add((path, "it accepts any JSON value"));
            return;
        }

        if (schema.TryGetProperty("properties"u8, out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                FindStrictIssues(property.Value, $"{path}.{property.Name}", issues);
            }
        }

        if (schema.TryGetProperty("items"u8, out var items))
        {
            FindStrictIssues(items, path + "[]", issues);
        }

        if (schema.TryGetProperty("anyOf"u8, out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in anyOf.EnumerateArray())
            {
                FindStrictIssues(option, path, issues);
            }
        }

        if (schema.TryGetProperty("$defs"u8, out var definitions) && definitions.ValueKind == JsonValueKind.Object)
        {
            foreach (var definition in definitions.EnumerateObject())
            {
                FindStrictIssues(definition.Value, $"{path}.$defs.{definition.Name}", issues);
            }
        }
    }

    private static string SuggestSnakeCase(string name)
    {
        var snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(name.Replace('-', '_'));
        while (snake.Contains("__", StringComparison.Ordinal))
        {
            snake = snake.Replace("__", "_", StringComparison.Ordinal);
        }

        return snake.Trim('_') is { Length: > 0 } trimmed && char.IsAsciiLetterLower(trimmed[0]) ? trimmed : "tool_" + snake.Trim('_');
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
