using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Async;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools queue</c>: list, retry and delete the dead letters of a server's durable async work queue.</summary>
internal static class QueueCommand
{
    private const string ListHint = "list them with 'flireo-tools queue dead-letters'";

    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var command = new Command("queue", "Inspect a server's durable async work queue (SQLite or Redis): list, retry or delete calls that failed for good.");
        command.Subcommands.Add(CreateList(environment, verbose));
        command.Subcommands.Add(CreateSettle(environment, verbose, "retry", "Queue a dead letter again; a server using the queue runs it from attempt 1.", retry: true));
        command.Subcommands.Add(CreateSettle(environment, verbose, "delete", "Remove a dead letter without running it.", retry: false));
        return command;
    }

    private static Command CreateList(CliEnvironment environment, Option<bool> verbose)
    {
        var store = new QueueStoreOptions();
        var max = new Option<int>("--max")
        {
            Description = "The most dead letters to print, oldest first.",
            DefaultValueFactory = static _ => 100,
        };
        max.Validators.Add(static result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--max must be a positive number.");
            }
        });
        var command = new Command("dead-letters", "Print the dead letters as a JSON array: key, tool, attempts, last error, arguments.");
        store.AddTo(command);
        command.Options.Add(max);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var opened = store.Open(parseResult, environment);
                await using (opened.ConfigureAwait(false))
                {
                    var limit = parseResult.GetValue(max);
                    var letters = await opened.Store.ListDeadLettersAsync(limit, token).ConfigureAwait(false);
                    await environment.Out.WriteLineAsync(ToJson(letters)).ConfigureAwait(false);
                    await environment.Out.FlushAsync(token).ConfigureAwait(false);
                    var summary = letters.Count == 1 ? "1 dead letter" : $"{letters.Count} dead letters";
                    var more = letters.Count == limit ? $" (the first {limit}; raise --max for more)" : string.Empty;
                    await environment.Error.WriteLineAsync($"{summary} in {opened.Location}{more}.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }
            },
            cancellationToken));
        return command;
    }

    private static Command CreateSettle(CliEnvironment environment, Option<bool> verbose, string name, string description, bool retry)
    {
        var store = new QueueStoreOptions();
        var key = new Argument<string>("key")
        {
            Description = "The dead letter's key, as printed by 'queue dead-letters' (call id/tool call id).",
        };
        var command = new Command(name, description);
        command.Arguments.Add(key);
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var value = parseResult.GetRequiredValue(key);
                var opened = store.Open(parseResult, environment);
                await using (opened.ConfigureAwait(false))
                {
                    var found = retry
                        ? await opened.Store.RetryDeadLetterAsync(value, token).ConfigureAwait(false)
                        : await opened.Store.DeleteDeadLetterAsync(value, token).ConfigureAwait(false);
                    if (!found)
                    {
                        throw new CliException($"No dead letter with key '{value}' in {opened.Location}; {ListHint}.");
                    }

                    var done = retry ? "queued again: a server using this queue runs it from attempt 1" : "deleted";
                    await environment.Error.WriteLineAsync($"Dead letter {value} {done}.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }
            },
            cancellationToken));
        return command;
    }

    private static string ToJson(IReadOnlyList<ToolWorkDeadLetter> letters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var letter in letters)
            {
                var item = letter.Item;
                json.WriteStartObject();
                json.WriteString("key", item.Key);
                json.WriteString("tool_name", item.ToolName);
                json.WriteString("tool_call_id", item.ToolCallId);
                WriteStringOrNull(json, "call_id", item.CallId);
                json.WriteNumber("attempts", letter.Attempts);
                json.WriteString("status", letter.Status.ToString());
                WriteStringOrNull(json, "error", letter.Error);
                json.WriteString("enqueued_at", Timestamp(item.EnqueuedAt));
                json.WriteString("dead_lettered_at", Timestamp(letter.DeadLetteredAt));
                json.WritePropertyName("arguments");
                WriteArguments(json, item.ArgumentsJson);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteArguments(Utf8JsonWriter json, string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(arguments);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
