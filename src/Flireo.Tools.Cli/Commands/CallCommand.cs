using System.CommandLine;
using Flireo.Tools.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools call say|inject|end|transfer</c>: sends one Call Control command to a live call, for trying it by hand.</summary>
internal static class CallCommand
{
    /// <summary>The environment variable the API key is read from when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "FLIREO_API_KEY";

    /// <summary>The environment variable the base URL is read from when <c>--base-url</c> is not given (the server's own setting).</summary>
    public const string BaseUrlVariable = "Flireo__Api__BaseUrl";

    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var command = new Command("call", "Send a Call Control command to a live call: say, inject, end or transfer.");
        command.Subcommands.Add(Verb(environment, verbose, "say", "Make the assistant say a text, optionally hanging up afterwards.", "text", "The text to speak.", "--end-after", "Hang up after the text is spoken.",
            static (client, callId, text, flag, _, token) => client.SayAsync(callId, text!, flag, token)));
        command.Subcommands.Add(Verb(environment, verbose, "inject", "Add silent context to the conversation, optionally making the assistant answer at once.", "text", "The context the assistant reads.", "--trigger-response", "Make the assistant respond at once.",
            static (client, callId, text, flag, _, token) => client.InjectContextAsync(callId, text!, flag, token)));
        command.Subcommands.Add(Verb(environment, verbose, "end", "End the call, optionally after a final line (--message).", null, null, null, null,
            static (client, callId, _, _, message, token) => client.EndCallAsync(callId, message, token)));
        command.Subcommands.Add(Verb(environment, verbose, "transfer", "Transfer the call to a phone number or SIP URI, optionally after a line (--message).", "destination", "An E.164 phone number or a SIP URI.", null, null,
            static (client, callId, destination, _, message, token) => client.TransferAsync(callId, destination!, message, token)));
        return command;
    }

    private static Command Verb(
        CliEnvironment environment,
        Option<bool> verbose,
        string name,
        string description,
        string? argumentName,
        string? argumentDescription,
        string? flagName,
        string? flagDescription,
        Func<IFlireoCallControl, string, string?, bool, string?, CancellationToken, ValueTask<CallControlResult>> send)
    {
        var callId = new Option<string>("--call-id", "-c") { Description = "The Flireo call id (message.call.id of a webhook).", HelpName = "id", Required = true };
        var apiKey = new Option<string>("--api-key", "-k") { Description = $"The Flireo API key (default: the {ApiKeyVariable} environment variable).", HelpName = "key" };
        var baseUrl = new Option<string>("--base-url") { Description = $"The API base URL (default: the {BaseUrlVariable} environment variable, else {FlireoApiOptions.DefaultBaseUrl}).", HelpName = "url" };
        var command = new Command(name, description) { callId, apiKey, baseUrl };
        Argument<string>? argument = null;
        if (argumentName is not null)
        {
            argument = new Argument<string>(argumentName) { Description = argumentDescription };
            command.Arguments.Add(argument);
        }

        Option<bool>? flag = null;
        if (flagName is not null)
        {
            flag = new Option<bool>(flagName) { Description = flagDescription };
            command.Options.Add(flag);
        }

        Option<string>? message = null;
        if (name is "end" or "transfer")
        {
            message = new Option<string>("--message", "-m") { Description = "What the assistant says first.", HelpName = "text" };
            command.Options.Add(message);
        }

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var key = parseResult.GetValue(apiKey) is { Length: > 0 } given ? given : environment.GetVariable(ApiKeyVariable)
                    ?? throw CliException.Usage($"Give the Flireo API key with --api-key or the {ApiKeyVariable} environment variable.");
                var url = parseResult.GetValue(baseUrl) is { Length: > 0 } option ? ParseUrl(option, "--base-url") : environment.GetVariable(BaseUrlVariable) is { } text ? ParseUrl(text, BaseUrlVariable) : FlireoApiOptions.DefaultBaseUrl;
                if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                {
                    throw CliException.Usage($"The base URL '{url}' is not an absolute http or https URL.");
                }

                var services = new ServiceCollection();
                services.AddFlireoTools(options =>
                {
                    options.Api.Key = key;
                    options.Api.BaseUrl = url;
                });
                var provider = services.BuildServiceProvider();
                await using var disposeProvider = provider.ConfigureAwait(false);
                var client = provider.GetRequiredService<IFlireoCallControl>();
                var id = parseResult.GetValue(callId)!;
                var result = await send(client, id, argument is null ? null : parseResult.GetValue(argument), flag is not null && parseResult.GetValue(flag), message is null ? null : parseResult.GetValue(message), token).ConfigureAwait(false);
                var detail = result.Message is null ? string.Empty : $" ({result.Message})";
                switch (result.Status)
                {
                    case CallControlStatus.Sent:
                        await environment.Out.WriteLineAsync($"sent: {name} to call {id}{detail}").ConfigureAwait(false);
                        return ExitCodes.Success;
                    case CallControlStatus.CallNotActive:
                        throw new CliException($"call {id} is not in progress, or the platform refused the command{detail}.");
                    case CallControlStatus.CallNotFound:
                        throw new CliException($"the platform knows no call {id}{detail}.");
                    default:
                        throw new CliException($"the platform's limit of commands for call {id} was reached; try again in a minute{detail}.");
                }
            },
            cancellationToken));
        return command;
    }

    private static Uri ParseUrl(string text, string source) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : throw CliException.Usage($"{source} '{text}' is not an absolute URL.");
}
