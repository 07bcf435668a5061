using System.Text.Json;

namespace Flireo.Tools;

/// <summary>Reads a tool-calls answer in any of Flireo's four formats (object, simple, direct, error) into per-call outcomes.</summary>
public static class ToolResponse
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Reads an answer body into one outcome per requested tool call, in request order.</summary>
    /// <param name="json">The answer body. Text that is not JSON is read as a direct string result.</param>
    /// <param name="toolCallIds">The tool call ids of the request; with none, the ids found in an object-format answer are used.</param>
    /// <returns>One outcome per id: object format matched by id (a missing id becomes an error), simple and error formats and direct data apply to every id.</returns>
    public static IReadOnlyList<ToolCallResult> Parse(string json, IReadOnlyList<string> toolCallIds)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(toolCallIds);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException)
        {
            var text = JsonSerializer.SerializeToElement(json, Invocation.ToolJsonContext.Default.String);
            return toolCallIds.Select(id => ToolCallResult.Success(id, text)).ToArray();
        }

        using (document)
        {
            return Parse(document.RootElement, toolCallIds);
        }
    }

    /// <summary>Reads an answer already parsed as JSON into one outcome per requested tool call, in request order.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="toolCallIds">The tool call ids of the request; with none, the ids found in an object-format answer are used.</param>
    /// <returns>One outcome per id; see <see cref="Parse(string, IReadOnlyList{string})"/>.</returns>
    public static IReadOnlyList<ToolCallResult> Parse(JsonElement answer, IReadOnlyList<string> toolCallIds)
    {
        ArgumentNullException.ThrowIfNull(toolCallIds);
        return Parse(answer, toolCallIds, singleItemIsTheAnswer: false);
    }

    /// <summary>Reads the raw answer a tool returned for one call.</summary>
    /// <remarks>
    /// An object-format answer with exactly one item is this call's answer whatever id the item carries: a tool that
    /// relays another service cannot know the id. With several items, the one with this call's id is taken.
    /// </remarks>
    internal static ToolCallResult ParseOne(JsonElement answer, string toolCallId) => Parse(answer, [toolCallId], singleItemIsTheAnswer: true)[0];

    private static ToolCallResult[] Parse(JsonElement answer, IReadOnlyList<string> toolCallIds, bool singleItemIsTheAnswer)
    {
        if (answer.ValueKind == JsonValueKind.Object)
        {
            if (answer.TryGetProperty("results"u8, out var results) && results.ValueKind == JsonValueKind.Array)
            {
                return FromObjectFormat(results, toolCallIds, singleItemIsTheAnswer);
            }

            if (answer.TryGetProperty("result"u8, out var result))
            {
                return Same(toolCallIds, id => ToolCallResult.Success(id, result));
            }

            if (answer.TryGetProperty("error"u8, out var error) && TryGetErrorText(error, out var message))
            {
                return Same(toolCallIds, id => ToolCallResult.Failure(id, message));
            }
        }

        return Same(toolCallIds, id => ToolCallResult.Success(id, answer));
    }

    private static ToolCallResult[] FromObjectFormat(JsonElement results, IReadOnlyList<string> toolCallIds, bool singleItemIsTheAnswer)
    {
        var found = new Dictionary<string, ToolCallResult>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var item in results.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string? id = null;
            if ((item.TryGetProperty("toolCallId"u8, out var idElement) || item.TryGetProperty("tool_call_id"u8, out idElement)) && idElement.ValueKind == JsonValueKind.String)
            {
                id = idElement.GetString();
            }

            if ((id is null || singleItemIsTheAnswer) && toolCallIds.Count == 1 && results.GetArrayLength() == 1)
            {
                id = toolCallIds[0];
            }

            if (id is null || found.ContainsKey(id))
            {
                continue;
            }

            ToolCallResult outcome;
            if (item.TryGetProperty("error"u8, out var error) && TryGetErrorText(error, out var message))
            {
                outcome = ToolCallResult.Failure(id, message);
            }
            else if (item.TryGetProperty("result"u8, out var result))
            {
                outcome = ToolCallResult.Success(id, result);
            }
            else
            {
                outcome = ToolCallResult.Failure(id, "The answer item has neither 'result' nor 'error'.");
            }

            found.Add(id, outcome);
            order.Add(id);
        }

        var ids = toolCallIds.Count > 0 ? toolCallIds : order;
        var parsed = new ToolCallResult[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            parsed[i] = found.TryGetValue(ids[i], out var outcome)
                ? outcome
                : ToolCallResult.Failure(ids[i], "The answer has no result for this tool call.");
        }

        return parsed;
    }

    private static bool TryGetErrorText(JsonElement error, out string message)
    {
        switch (error.ValueKind)
        {
            case JsonValueKind.String:
                message = error.GetString()!;
                return true;
            case JsonValueKind.Object when error.TryGetProperty("message"u8, out var inner) && inner.ValueKind == JsonValueKind.String:
                message = inner.GetString()!;
                return true;
            default:
                message = string.Empty;
                return false;
        }
    }

    private static ToolCallResult[] Same(IReadOnlyList<string> toolCallIds, Func<string, ToolCallResult> create)
    {
        var parsed = new ToolCallResult[toolCallIds.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            parsed[i] = create(toolCallIds[i]);
        }

        return parsed;
    }
}
