using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Flireo.Tools.Cli.Deploy;
using Flireo.Tools.Definitions;
using Flireo.Tools.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Holds the options <c>push</c> and <c>diff</c> share, and reads and compares the assistant for both.</summary>
internal sealed class DeployOptions
{
    /// <summary>The exit code of <c>diff</c> when the assistant differs from the code.</summary>
    public const int DriftExitCode = 1;

    /// <summary>The exit code of <c>push</c> and <c>diff</c> for every error: bad options, an unloadable assembly, a refused request.</summary>
    public const int ErrorExitCode = 2;

    private static readonly string[] KnownEvents = ["assistant-request", "tool-calls", "status-update", "end-of-call-report"];

    public DeployOptions()
    {
        Source = new ToolAssemblyOptions("The compiled tool assembly whose tools the assistant should have.");
        Assistant = new Option<string>("--assistant")
        {
            Description = "The id of the saved assistant to bring in step with the code.",
            HelpName = "id",
            Required = true,
        };
        BaseUrl = new Option<string>("--base-url")
        {
            Description = "The public address of the webhook host, for example https://tools.example.com: each tool gets its url, and webhook tools under it count as managed.",
            HelpName = "url",
        };
        BaseUrl.Validators.Add(static result => CheckUrl(result, "--base-url"));
        WebhookPath = new Option<string>("--webhook-path")
        {
            Description = "The path of the webhook endpoint below --base-url.",
            DefaultValueFactory = static _ => "/flireo",
            HelpName = "path",
        };
        PerToolUrls = new Option<bool>("--per-tool-urls") { Description = "Give each tool its own url, {base-url}{webhook-path}/tools/{name}." };
        Strict = new Option<bool>("--strict") { Description = "Push the strict schemas: every property required, optional ones nullable (OpenAI strict mode)." };
        LegacyAsyncResponse = new Option<bool>("--legacy-async-response") { Description = "Also write each tool's message under its legacy key, async_response." };
        ApiUrl = new Option<string>("--api-url")
        {
            Description = $"The Flireo API base URL (default: the {CallCommand.BaseUrlVariable} environment variable, else {FlireoApiOptions.DefaultBaseUrl}).",
            HelpName = "url",
        };
        ApiUrl.Validators.Add(static result => CheckUrl(result, "--api-url"));
        ApiKey = new Option<string>("--api-key", "-k")
        {
            Description = $"The Flireo API key (default: the {CallCommand.ApiKeyVariable} environment variable, which keeps it out of shell history and CI logs).",
            HelpName = "key",
        };
        Prune = new Option<bool>("--prune") { Description = "Remove managed webhook tools that are no longer in the code (tools the code does not manage are never removed)." };
        Templates = new Option<bool>("--templates") { Description = "Also upsert one tool template per tool, matched by name (POST/PATCH /tool-templates)." };
        WebhookUrl = new Option<string>("--webhook-url")
        {
            Description = "Set the assistant's webhook_url, where status updates and end-of-call reports go, for example https://tools.example.com/flireo.",
            HelpName = "url",
        };
        WebhookUrl.Validators.Add(static result => CheckUrl(result, "--webhook-url"));
        WebhookEvents = new Option<string>("--webhook-events")
        {
            Description = $"Set the assistant's webhook_events, comma-separated: {string.Join(", ", KnownEvents)}.",
            HelpName = "events",
        };
        WebhookEvents.Validators.Add(static result =>
        {
            if (result.GetValueOrDefault<string>() is { } text && ParseEvents(text) is var events
                && events.FirstOrDefault(e => !KnownEvents.Contains(e, StringComparer.Ordinal)) is { } unknown)
            {
                result.AddError($"--webhook-events: '{unknown}' is not a webhook event; use {string.Join(", ", KnownEvents)}.");
            }
        });
    }

    public ToolAssemblyOptions Source { get; }

    public Option<string> Assistant { get; }

    public Option<string> BaseUrl { get; }

    public Option<string> WebhookPath { get; }

    public Option<bool> PerToolUrls { get; }

    public Option<bool> Strict { get; }

    public Option<bool> LegacyAsyncResponse { get; }

    public Option<string> ApiUrl { get; }

    public Option<string> ApiKey { get; }

    public Option<bool> Prune { get; }

    public Option<bool> Templates { get; }

    public Option<string> WebhookUrl { get; }

    public Option<string> WebhookEvents { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Assistant);
        Source.AddTo(command);
        command.Options.Add(BaseUrl);
        command.Options.Add(WebhookPath);
        command.Options.Add(PerToolUrls);
        command.Options.Add(Strict);
        command.Options.Add(LegacyAsyncResponse);
        command.Options.Add(Prune);
        command.Options.Add(Templates);
        command.Options.Add(WebhookUrl);
        command.Options.Add(WebhookEvents);
        command.Options.Add(ApiUrl);
        command.Options.Add(ApiKey);
    }

    /// <summary>
    /// Creates a deploy command (<c>push</c> or <c>diff</c>): the shared options and <paramref name="extraOptions"/>, and an
    /// action that loads the code, reads and compares the assistant, prints the plan, then runs <paramref name="afterPlan"/>.
    /// </summary>
    public static Command CreateCommand(
        string name,
        string description,
        CliEnvironment environment,
        Option<bool> verbose,
        IEnumerable<Option> extraOptions,
        Func<ParseResult, Deployment, CancellationToken, Task<int>> afterPlan)
    {
        var options = new DeployOptions();
        var command = new Command(name, description);
        options.AddTo(command);
        foreach (var option in extraOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var deployment = await options.PrepareAsync(parseResult, environment, token).ConfigureAwait(false);
                await using (deployment.ConfigureAwait(false))
                {
                    await environment.Out.WriteAsync(PlanWriter.Write(deployment.Plan, deployment.Templates)).ConfigureAwait(false);
                    return await afterPlan(parseResult, deployment, token).ConfigureAwait(false);
                }
            },
            cancellationToken));
        return command;
    }

    /// <summary>Runs a deploy command's body: its own exit codes on success, <see cref="ErrorExitCode"/> for every failure.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, ParseResult parseResult, Option<bool> verbose, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var completed = false;
        var exitCode = await CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                try
                {
                    var code = await body(token).ConfigureAwait(false);
                    completed = true;
                    return code;
                }
                catch (FlireoApiException ex)
                {
                    throw new CliException(Explain(ex), ErrorExitCode, ex);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return completed ? exitCode : ErrorExitCode;
    }

    /// <summary>Loads the tool assembly, reads the assistant (and the templates) and compares them.</summary>
    public async Task<Deployment> PrepareAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var key = parseResult.GetValue(ApiKey) is { Length: > 0 } given ? given : environment.GetVariable(CallCommand.ApiKeyVariable)
            ?? throw CliException.Usage($"Give the Flireo API key with --api-key or the {CallCommand.ApiKeyVariable} environment variable.");
        var apiUrl = parseResult.GetValue(ApiUrl) is { Length: > 0 } option ? option : environment.GetVariable(CallCommand.BaseUrlVariable);
        Uri url = FlireoApiOptions.DefaultBaseUrl;
        if (apiUrl is not null && (!Uri.TryCreate(apiUrl, UriKind.Absolute, out url!) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            throw CliException.Usage($"The API URL '{apiUrl}' is not an absolute http or https URL.");
        }

        var desired = await LoadDesiredAsync(parseResult, environment, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection();
        services.AddFlireoTools(options =>
        {
            options.Api.Key = key;
            options.Api.BaseUrl = url;
        });
        var provider = services.BuildServiceProvider();
        try
        {
            var assistantId = parseResult.GetRequiredValue(Assistant);
            var assistants = provider.GetRequiredService<IFlireoAssistants>();
            var assistant = await assistants.GetAsync(assistantId, cancellationToken).ConfigureAwait(false);
            var plan = AssistantPlan.Create(assistantId, assistant, desired);
            TemplatePlan? templates = null;
            IFlireoToolTemplates? templateClient = null;
            if (parseResult.GetValue(Templates))
            {
                templateClient = provider.GetRequiredService<IFlireoToolTemplates>();
                templates = TemplatePlan.Create(await templateClient.ListAsync(cancellationToken).ConfigureAwait(false), desired);
            }

            return new Deployment(provider, assistants, templateClient, plan, templates);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Explain(FlireoApiException exception)
    {
        var hint = exception.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $" Check --api-key or {CallCommand.ApiKeyVariable}.",
            HttpStatusCode.Forbidden => " The key belongs to another organisation or may not change assistants.",
            HttpStatusCode.NotFound => " Check --assistant (the id from the dashboard or GET /assistants).",
            _ => string.Empty,
        };
        return hint.Length == 0 ? exception.Message : string.Concat(exception.Message.TrimEnd('.'), ".", hint);
    }

    private static IReadOnlyList<string> ParseEvents(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static void CheckUrl(System.CommandLine.Parsing.OptionResult result, string name)
    {
        var text = result.GetValueOrDefault<string>();
        if (text is not null && (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            result.AddError($"{name} must be an absolute http or https URL, got '{text}'.");
        }
    }

    private async Task<DesiredAssistant> LoadDesiredAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var baseUrl = parseResult.GetValue(BaseUrl)?.Trim().TrimEnd('/');
        var definitionOptions = new ToolDefinitionOptions
        {
            BaseUrl = baseUrl,
            WebhookPath = parseResult.GetRequiredValue(WebhookPath),
            PerToolUrls = parseResult.GetValue(PerToolUrls),
            Strict = parseResult.GetValue(Strict),
            LegacyAsyncResponse = parseResult.GetValue(LegacyAsyncResponse),
        };

        var library = await Source.LoadAsync(parseResult, environment, cancellationToken).ConfigureAwait(false);
        await using (library.ConfigureAwait(false))
        {
            var catalog = library.GetCatalog();
            var undescribed = catalog.Tools.Where(static t => string.IsNullOrWhiteSpace(t.Description)).Select(static t => t.Name).Order(StringComparer.Ordinal).ToList();
            if (undescribed.Count > 0)
            {
                throw new CliException($"{library.FileName}: {string.Join(", ", undescribed)} {(undescribed.Count == 1 ? "has" : "have")} no description, which the platform requires. Set Description on [FlireoTool].");
            }

            var tools = ToolDefinitions.Export(catalog.Tools, definitionOptions).Select(static n => (JsonObject)n!).ToList();
            var builtIns = ToolDefinitions.ExportBuiltIns(library.Plugin.Assembly).Select(static n => (JsonObject)n!).ToList();
            JsonObject? schema = null;
            var analysisType = AnalysisTypeFinder.Find(library.Plugin.Assembly);
            if (analysisType is not null)
            {
                schema = ToolDefinitions.CreateSchema(analysisType, library.Options.SerializerOptions);
            }

            return new DesiredAssistant
            {
                Tools = tools,
                BuiltIns = builtIns,
                BaseUrl = baseUrl,
                Prune = parseResult.GetValue(Prune),
                WebhookUrl = parseResult.GetValue(WebhookUrl)?.Trim(),
                WebhookEvents = parseResult.GetValue(WebhookEvents) is { } events ? ParseEvents(events) : null,
                AnalysisSchema = schema,
                AnalysisType = analysisType?.Name,
            };
        }
    }
}

/// <summary>Holds a compared assistant and the clients to apply the plan; dispose it to release the HTTP clients.</summary>
internal sealed class Deployment(ServiceProvider provider, IFlireoAssistants assistants, IFlireoToolTemplates? templateClient, AssistantPlan plan, TemplatePlan? templates) : IAsyncDisposable
{
    public IFlireoAssistants Assistants { get; } = assistants;

    public IFlireoToolTemplates? TemplateClient { get; } = templateClient;

    public AssistantPlan Plan { get; } = plan;

    public TemplatePlan? Templates { get; } = templates;

    public bool InStep => Plan.InStep && Templates?.InStep != false;

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
