using System.Text.Json;

namespace Flireo.Tools.Cli.Webhooks;

/// <summary>Names which of Flireo's four answer formats a tool-calls answer uses, in the order <see cref="ToolResponse"/> reads them.</summary>
internal static class AnswerFormat
{
    /// <summary>Detects the format of an answer body.</summary>
    /// <param name="body">The answer body.</param>
    /// <returns><c>object</c>, <c>simple</c>, <c>error</c>, <c>direct</c> or <c>direct (not JSON)</c>.</returns>
    public static string Detect(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("results"u8, out var results) && results.ValueKind == JsonValueKind.Array)
                {
                    return "object";
                }

                if (root.TryGetProperty("result"u8, out _))
                {
                    return "simple";
                }

                if (root.TryGetProperty("error"u8, out var error)
                    && (error.ValueKind == JsonValueKind.String || (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.String)))
                {
                    return "error";
                }
            }

            return "direct";
        }
        catch (JsonException)
        {
            return "direct (not JSON)";
        }
    }
}
