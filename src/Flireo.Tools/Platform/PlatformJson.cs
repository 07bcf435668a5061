using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Platform;

/// <summary>Sends JSON requests of the resource APIs (assistants, tool templates) and turns refusals into exceptions naming the cause.</summary>
internal static class PlatformJson
{
    /// <summary>Sends a request and returns the answer's JSON object.</summary>
    /// <param name="client">The platform HTTP client.</param>
    /// <param name="api">The API options.</param>
    /// <param name="logger">Receives one line per request; never the key or the bodies.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path below the base URL.</param>
    /// <param name="body">The request body, or <see langword="null"/>.</param>
    /// <param name="what">What the request does, for messages ("Reading assistant asst_1").</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer's root object.</returns>
    /// <exception cref="FlireoApiException">The platform refused the request, answered no JSON object, or could not be reached.</exception>
    public static async Task<JsonObject> SendAsync(HttpClient client, FlireoApiOptions api, ILogger logger, HttpMethod method, string path, JsonObject? body, string what, CancellationToken cancellationToken)
    {
        var bytes = body is null ? null : Write(body);
        PlatformAnswer answer;
        try
        {
            answer = await PlatformHttp.SendAsync(client, api, method, path, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (FlireoApiException ex)
        {
            PlatformLog.RequestFailed(logger, method.Method, path, ex.Message);
            throw new FlireoApiException($"{what} failed: {ex.Message}", ex.InnerException) { MissingKey = ex.MissingKey };
        }

        PlatformLog.RequestSent(logger, method.Method, path, (int)answer.StatusCode);
        if (!answer.IsSuccess)
        {
            var message = $"{what} failed: {Describe(answer)}";
            PlatformLog.RequestFailed(logger, method.Method, path, message);
            throw new FlireoApiException(message, answer.StatusCode, answer.Code);
        }

        try
        {
            if (JsonNode.Parse(answer.Body) is JsonObject root)
            {
                return root;
            }
        }
        catch (JsonException)
        {
            // Reported below.
        }

        throw new FlireoApiException($"{what} failed: the Flireo API answered {(int)answer.StatusCode} without a JSON object.", answer.StatusCode, null);
    }

    /// <summary>Writes a body compactly, keeping '+' of phone numbers and accents readable (it is JSON for an API, never HTML).</summary>
    internal static byte[] Write(JsonNode body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Returns an object member of an answer, such as <c>assistant</c> of <c>{"assistant": {…}}</c>.</summary>
    /// <exception cref="FlireoApiException">The member is missing.</exception>
    public static JsonObject Member(JsonObject answer, string name, string what)
    {
        if (answer[name] is JsonObject member)
        {
            answer.Remove(name);
            return member;
        }

        throw new FlireoApiException($"{what} failed: the Flireo API's answer has no '{name}' object.");
    }

    /// <summary>Describes a refusal in one line: the cause by status, then the platform's own message and details.</summary>
    internal static string Describe(PlatformAnswer answer)
    {
        var status = (int)answer.StatusCode;
        var cause = answer.StatusCode switch
        {
            HttpStatusCode.BadRequest => "the platform refused the request as malformed (400)",
            HttpStatusCode.Unauthorized => "the API key was refused (401 Unauthorized)",
            HttpStatusCode.PaymentRequired => "the organisation has insufficient credits (402)",
            HttpStatusCode.Forbidden => "the API key is not allowed to do this (403 Forbidden); use a key of the organisation that owns it",
            HttpStatusCode.NotFound => "not found (404); check the id and that the key belongs to the right organisation",
            HttpStatusCode.Conflict => "conflict (409): it clashes with something that already exists",
            HttpStatusCode.UnprocessableEntity => "the platform rejected the data as invalid (422)",
            HttpStatusCode.TooManyRequests => answer.RetryAfter is { } wait
                ? $"rate limited (429): too many requests for this API key; retry after {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
                : "rate limited (429): too many requests for this API key; retry in a minute",
            _ when status >= 500 => $"the platform failed ({status})",
            _ => $"the platform answered {status}",
        };

        var details = Details(answer.Body);
        var message = answer.Message;
        return (message, details) switch
        {
            (null, null) => cause + ".",
            (_, null) => $"{cause}: {message}",
            (null, _) => $"{cause}: {details}",
            _ => $"{cause}: {message} ({details})",
        };
    }

    // The SDK's ApiError carries "details": ["…", …] with some validation errors.
    private static string? Details(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                var items = new List<string>();
                foreach (var item in details.EnumerateArray())
                {
                    items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                }

                return items.Count == 0 ? null : string.Join("; ", items);
            }
        }
        catch (JsonException)
        {
            // No details.
        }

        return null;
    }
}
