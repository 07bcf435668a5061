using System.CommandLine;
using System.Text;
using Flireo.Tools.Definitions;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools export</c>: writes the <c>llm_config.tools[]</c> items of a tool assembly, exactly as the server serves them.</summary>
internal static class ExportCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var source = new ToolAssemblyOptions("The compiled tool assembly to export.");
        var output = new Option<string>("--output", "-o")
        {
            Description = "Write the definitions to this file instead of standard output.",
            HelpName = "file",
        };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "The public address of the webhook host, for example https://tools.example.com; each definition then gets its url.",
            HelpName = "url",
        };
        baseUrl.Validators.Add(static result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (text is not null && (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                result.AddError($"--base-url must be an absolute http or https URL, got '{text}'.");
            }
        });
        var webhookPath = new Option<string>("--webhook-path")
        {
            Description = "The path of the webhook endpoint below --base-url.",
            DefaultValueFactory = static _ => "/flireo",
            HelpName = "path",
        };
        var perToolUrls = new Option<bool>("--per-tool-urls")
        {
            Description = "Give each tool its own url, {base-url}{webhook-path}/tools/{name}, instead of one shared endpoint.",
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Write the strict schemas: every property required, optional ones nullable (OpenAI strict mode).",
        };
        var shape = new Option<string>("--shape")
        {
            Description = "flat: Flireo's documented {name, description, parameters, ...} items; openai: {type: function, function: {...}}.",
            DefaultValueFactory = static _ => "flat",
        };
        shape.AcceptOnlyFromAmong("flat", "openai");
        var naming = new Option<string>("--naming")
        {
            Description = "The casing of multi-word keys: snake (async_response) or camel (asyncResponse, earlier platform versions).",
            DefaultValueFactory = static _ => "snake",
        };
        naming.AcceptOnlyFromAmong("snake", "camel");
        var legacyAsyncResponse = new Option<bool>("--legacy-async-response")
        {
            Description = "Also write each tool's message under its legacy key, async_response (asyncResponse with --naming camel), for agents set up before the platform read message.",
        };
        var allowMissingDescriptions = new Option<bool>("--allow-missing-descriptions")
        {
            Description = "Export tools without a description too, with an empty description; without it such tools are refused.",
        };

        var command = new Command("export", "Write the tool definitions (llm_config.tools[] items) of a tool assembly as a JSON array, ordered by name.");
        source.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(baseUrl);
        command.Options.Add(webhookPath);
        command.Options.Add(perToolUrls);
        command.Options.Add(strict);
        command.Options.Add(shape);
        command.Options.Add(naming);
        command.Options.Add(legacyAsyncResponse);
        command.Options.Add(allowMissingDescriptions);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var options = new ToolDefinitionOptions
                {
                    BaseUrl = parseResult.GetValue(baseUrl),
                    WebhookPath = parseResult.GetRequiredValue(webhookPath),
                    PerToolUrls = parseResult.GetValue(perToolUrls),
                    Strict = parseResult.GetValue(strict),
                    Shape = parseResult.GetRequiredValue(shape) == "openai" ? ToolDefinitionShape.OpenAI : ToolDefinitionShape.Flat,
                    Naming = parseResult.GetRequiredValue(naming) == "camel" ? WebhookCasing.CamelCase : WebhookCasing.SnakeCase,
                    LegacyAsyncResponse = parseResult.GetValue(legacyAsyncResponse),
                };

                var library = await source.LoadAsync(parseResult, environment, token).ConfigureAwait(false);
                await using (library.ConfigureAwait(false))
                {
                    var catalog = library.GetCatalog();
                    var undescribed = catalog.Tools.Where(static t => string.IsNullOrWhiteSpace(t.Description)).Select(static t => t.Name).Order(StringComparer.Ordinal).ToList();
                    if (undescribed.Count > 0 && !parseResult.GetValue(allowMissingDescriptions))
                    {
                        throw new CliException(
                            $"{library.FileName}: {Count(undescribed.Count, "tool has", "tools have")} no description, which the platform's tool definition requires: {string.Join(", ", undescribed)}. "
                            + "Set Description on [FlireoTool], or pass --allow-missing-descriptions to export them with an empty one.");
                    }

                    if (options.Shape == ToolDefinitionShape.OpenAI && catalog.Tools.Where(static t => t.Message is not null).Select(static t => t.Name).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } spoken)
                    {
                        await environment.Error.WriteLineAsync(
                            $"note: the openai shape has no place for a tool's message, so it is left out for {string.Join(", ", spoken)}; use --shape flat to keep it.").ConfigureAwait(false);
                    }

                    // The built-ins the assembly declares ([assembly: FlireoEndCallTool], FlireoTransferDestination) follow the webhook tools.
                    var builtIns = ToolDefinitions.ExportBuiltIns(library.Plugin.Assembly);
                    var json = builtIns.Count == 0 ? ToolDefinitions.ToJson(catalog.Tools, options) : WithBuiltIns(ToolDefinitions.Export(catalog.Tools, options), builtIns);
                    if (parseResult.GetValue(output) is { } file)
                    {
                        await WriteFileAsync(file, json, token).ConfigureAwait(false);
                        var count = catalog.Tools.Count;
                        await environment.Error.WriteLineAsync($"{library.FileName}: wrote {count} tool definition{(count == 1 ? string.Empty : "s")} to {file}.").ConfigureAwait(false);
                    }
                    else
                    {
                        await environment.Out.WriteAsync(json).ConfigureAwait(false);
                        await environment.Out.FlushAsync(token).ConfigureAwait(false);
                    }
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static string WithBuiltIns(System.Text.Json.Nodes.JsonArray tools, System.Text.Json.Nodes.JsonArray builtIns)
    {
        foreach (var builtIn in builtIns.ToArray())
        {
            builtIns.Remove(builtIn);
            tools.Add(builtIn);
        }

        // The same text as ToolDefinitions.ToJson writes: two-space indent, \n line ends, readable characters, final newline.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            tools.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";

    private static async Task WriteFileAsync(string file, string json, CancellationToken cancellationToken)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            await File.WriteAllTextAsync(file, json, Utf8NoBom, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write '{file}': {ex.Message}", ex);
        }
    }
}
