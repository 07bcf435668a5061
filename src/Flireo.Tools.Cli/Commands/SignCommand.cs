using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Flireo.Tools.Security;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools sign</c>: prints the headers Flireo would send with a body read from standard input.</summary>
internal static class SignCommand
{
    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var secret = SecretOption.Create();
        var timestamp = new Option<long?>("--timestamp", "-t")
        {
            Description = "The Unix timestamp in seconds to sign with (default: now).",
            HelpName = "unix-seconds",
        };
        var eventType = new Option<string>("--event", "-e")
        {
            Description = "The X-Webhook-Event value (default: the body's message.type, else tool-calls).",
            HelpName = "type",
        };
        var bodyFile = new Option<string>("--body-file", "-f")
        {
            Description = "Read the body from this file instead of standard input.",
            HelpName = "file",
        };
        var command = new Command("sign", "Sign a webhook body read from standard input and print the headers to send (for curl).");
        command.Options.Add(secret);
        command.Options.Add(timestamp);
        command.Options.Add(eventType);
        command.Options.Add(bodyFile);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var key = SecretOption.Resolve(parseResult, secret, environment)
                    ?? throw CliException.Usage($"Give the webhook secret with --secret or the {SecretOption.EnvironmentVariable} environment variable.");
                var body = await ReadBodyAsync(parseResult.GetValue(bodyFile), environment, token).ConfigureAwait(false);
                var unixSeconds = parseResult.GetValue(timestamp) ?? environment.Time.GetUtcNow().ToUnixTimeSeconds();
                if (unixSeconds < 0)
                {
                    throw CliException.Usage("--timestamp must be a positive number of Unix seconds.");
                }

                var stamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
                var signature = WebhookSignature.Sign(key, stamp, body);
                var type = parseResult.GetValue(eventType) ?? ReadMessageType(body) ?? "tool-calls";
                await environment.Out.WriteLineAsync($"{WebhookSignature.TimestampHeader}: {stamp}").ConfigureAwait(false);
                await environment.Out.WriteLineAsync($"{WebhookSignature.SignatureHeader}: {signature}").ConfigureAwait(false);
                await environment.Out.WriteLineAsync($"{WebhookSignature.EventHeader}: {type}").ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static async Task<byte[]> ReadBodyAsync(string? file, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            try
            {
                return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"The body file '{file}' cannot be read: {ex.Message}", ex);
            }
        }

        var input = environment.OpenInput()
            ?? throw CliException.Usage("Pipe the body to sign into standard input, for example: flireo-tools sign --secret <secret> < body.json");
        await using (input.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (buffer.Length == 0)
            {
                throw CliException.Usage("Standard input is empty: pipe the exact body you will send.");
            }

            return buffer.ToArray();
        }
    }

    private static string? ReadMessageType(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message"u8, out var message)
                && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("type"u8, out var type)
                && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
