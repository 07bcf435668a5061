using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flireo.Tools.Cli.Loading;
using Flireo.Tools.Cli.Webhooks;
using Flireo.Tools.Security;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools invoke</c>: sends a signed tool-calls webhook to a server, or runs the tool in-process.</summary>
internal static class InvokeCommand
{
    private const int MaxBodyEcho = 2000;

    private static readonly JsonWriterOptions OutputOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var url = new Option<Uri>("--url", "-u")
        {
            Description = "The webhook URL to POST to, for example http://localhost:5000/flireo.",
            HelpName = "url",
            CustomParser = static result =>
            {
                var text = result.Tokens[0].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var value) && (value.Scheme == Uri.UriSchemeHttp || value.Scheme == Uri.UriSchemeHttps))
                {
                    return value;
                }

                result.AddError($"--url must be an absolute http or https URL, got '{text}'.");
                return null;
            },
        };
        var source = new ToolAssemblyOptions("Run the tool in-process from this compiled tool assembly instead of calling a server.");
        var secret = SecretOption.Create();
        var tool = new Option<string>("--tool", "-n") { Description = "The name of the tool to call.", Required = true, HelpName = "name" };
        var arguments = new Option<string>("--args")
        {
            Description = "The arguments as a JSON object, or @file to read them from a file.",
            DefaultValueFactory = static _ => "{}",
            HelpName = "json",
        };
        var callId = new Option<string>("--call-id") { Description = "The phone call id (message.call.id; default: a new UUID).", HelpName = "id" };
        var toolCallId = new Option<string>("--tool-call-id") { Description = "The tool call id the answer echoes (default: a new tool_… id).", HelpName = "id" };
        var snakeCase = new Option<bool>("--snake-case") { Description = "Send snake_case keys (tool_call_list) as current Flireo versions do, instead of camelCase." };
        var customer = new Option<string>("--customer-number") { Description = "The caller's number (message.customer.number); without it the call is a web call.", HelpName = "e164" };
        var bearer = new Option<string>("--bearer-token") { Description = "Send this token in an Authorization: Bearer header.", HelpName = "token" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the server's answer.",
            DefaultValueFactory = static _ => 30,
            HelpName = "seconds",
        };
        timeout.Validators.Add(static result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 3600)
            {
                result.AddError("--timeout must be more than 0 and at most 3600 seconds.");
            }
        });

        var command = new Command("invoke", "Send a signed tool-calls webhook for one tool call (or run it in-process) and print the answer, normalised.");
        command.Options.Add(url);
        source.AddTo(command, url);
        command.Options.Add(secret);
        command.Options.Add(tool);
        command.Options.Add(arguments);
        command.Options.Add(callId);
        command.Options.Add(toolCallId);
        command.Options.Add(snakeCase);
        command.Options.Add(customer);
        command.Options.Add(bearer);
        command.Options.Add(timeout);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                using var argumentsDocument = await ReadArgumentsAsync(parseResult.GetRequiredValue(arguments), token).ConfigureAwait(false);
                var webhook = new ToolCallWebhook(
                    parseResult.GetRequiredValue(tool),
                    argumentsDocument.RootElement,
                    parseResult.GetValue(toolCallId) ?? "tool_" + Guid.NewGuid().ToString("N")[..16],
                    parseResult.GetValue(callId) ?? Guid.NewGuid().ToString(),
                    parseResult.GetValue(snakeCase),
                    parseResult.GetValue(customer),
                    environment.Time.GetUtcNow());
                var casing = webhook.SnakeCase ? WebhookCasing.SnakeCase : WebhookCasing.CamelCase;

                IReadOnlyList<ToolCallResult> results;
                if (parseResult.GetValue(url) is { } target)
                {
                    var request = new HttpSettings(target, SecretOption.Resolve(parseResult, secret, environment), parseResult.GetValue(bearer), TimeSpan.FromSeconds(parseResult.GetValue(timeout)));
                    results = await PostAsync(webhook, request, environment, token).ConfigureAwait(false);
                }
                else
                {
                    var library = await source.LoadAsync(parseResult, environment, token).ConfigureAwait(false);
                    await using (library.ConfigureAwait(false))
                    {
                        results = await RunInProcessAsync(webhook, library, environment, token).ConfigureAwait(false);
                    }
                }

                await WriteAnswerAsync(results, casing, environment).ConfigureAwait(false);
                foreach (var failed in results.Where(r => r.IsError))
                {
                    await environment.Error.WriteLineAsync($"error: tool call {failed.ToolCallId} failed: {failed.Error}").ConfigureAwait(false);
                }

                return results.Any(r => r.IsError) ? ExitCodes.Failure : ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static async Task<JsonDocument> ReadArgumentsAsync(string text, CancellationToken cancellationToken)
    {
        var source = "--args";
        if (text.StartsWith('@'))
        {
            source = text[1..];
            try
            {
                text = await File.ReadAllTextAsync(source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw CliException.Usage($"The arguments file '{source}' cannot be read: {ex.Message}");
            }
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"{source} is not valid JSON: {ex.Message}");
        }
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The client owns and disposes the handler it creates.")]
    private static async Task<IReadOnlyList<ToolCallResult>> PostAsync(ToolCallWebhook webhook, HttpSettings settings, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var body = webhook.ToUtf8Bytes();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd($"flireo-tools/{typeof(InvokeCommand).Assembly.GetName().Version?.ToString(3)}");
        request.Headers.Add(WebhookSignature.EventHeader, "tool-calls");
        if (settings.Secret is { } secret)
        {
            var stamp = environment.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(WebhookSignature.TimestampHeader, stamp);
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, stamp, body));
        }
        else
        {
            await environment.Error.WriteLineAsync($"warning: no secret (--secret or {SecretOption.EnvironmentVariable}): the webhook is sent unsigned.").ConfigureAwait(false);
        }

        if (settings.BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = environment.HttpHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        client.Timeout = settings.Timeout;
        var started = environment.Time.GetTimestamp();
        HttpResponseMessage response;
        string answer;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"POST {settings.Url} got no answer within {settings.Timeout.TotalSeconds:0.###} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"POST {settings.Url} failed: {ex.Message}", ex);
        }

        using (response)
        {
            var elapsed = environment.Time.GetElapsedTime(started);
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
            if (!response.IsSuccessStatusCode)
            {
                var echo = answer.Length > MaxBodyEcho ? answer[..MaxBodyEcho] + "..." : answer;
                throw new CliException($"POST {settings.Url} answered {status} in {Milliseconds(elapsed)}" + (echo.Length > 0 ? $": {echo.ReplaceLineEndings(" ")}" : "."));
            }

            await environment.Error.WriteLineAsync($"POST {settings.Url} -> {status} in {Milliseconds(elapsed)}, {AnswerFormat.Detect(answer)} format").ConfigureAwait(false);
            return ToolResponse.Parse(answer, [webhook.ToolCallId]);
        }
    }

    private static async Task<IReadOnlyList<ToolCallResult>> RunInProcessAsync(ToolCallWebhook webhook, ToolLibrary library, CliEnvironment environment, CancellationToken cancellationToken)
    {
        _ = library.GetCatalog();
        var router = library.Services.GetRequiredService<ToolRouter>();
        var hosted = library.Services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var body = webhook.ToUtf8Bytes();
        if (!WebhookMessage.TryParse(body, out var message, out var error))
        {
            throw new CliException($"The webhook built for the call is not valid: {error}");
        }

        ToolCallsResponse response;
        TimeSpan elapsed;
        using (message)
        {
            var started = environment.Time.GetTimestamp();
            response = await router.RouteAsync(message, cancellationToken).ConfigureAwait(false);
            elapsed = environment.Time.GetElapsedTime(started);
        }

        // Stopping drains the in-process queue, so an async tool acknowledged above runs before the command exits.
        for (var i = hosted.Count - 1; i >= 0; i--)
        {
            await hosted[i].StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await environment.Error.WriteLineAsync($"{library.FileName}: ran '{webhook.ToolName}' in-process in {Milliseconds(elapsed)}").ConfigureAwait(false);
        return response.Results;
    }

    private static async Task WriteAnswerAsync(IReadOnlyList<ToolCallResult> results, WebhookCasing casing, CliEnvironment environment)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, OutputOptions))
        {
            new ToolCallsResponse(results, casing).WriteTo(writer);
        }

        await environment.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
    }

    private static string Milliseconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0} ms");

    private sealed record HttpSettings(Uri Url, string? Secret, string? BearerToken, TimeSpan Timeout);
}
