using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Flireo.Tools.Testing;

/// <summary>Represents the HTTP answer of the webhook endpoint to one webhook a <see cref="FlireoTestHost"/> sent.</summary>
public class WebhookAnswer
{
    private protected WebhookAnswer(HttpStatusCode statusCode, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        StatusCode = statusCode;
        Body = body;
        Json = TryParse(body);
        if (!IsSuccessStatusCode)
        {
            RejectionReason = Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : body.Length > 0 ? body
                : statusCode == HttpStatusCode.NotFound ? "Nothing answers at this path; check that FlireoTestHostOptions.WebhookPath matches the app's MapFlireoWebhooks pattern."
                : "The answer has no body.";
        }
    }

    /// <summary>Gets the HTTP status code: 200 for every webhook the endpoint accepted, 401, 400, 413 or 415 for a rejected one.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets a value indicating whether the status code is in the 2xx range.</summary>
    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and <= 299;

    /// <summary>Gets the raw answer body, exactly as the endpoint wrote it.</summary>
    public string Body { get; }

    /// <summary>Gets the answer body parsed as JSON, or <see langword="null"/> when it is not JSON.</summary>
    public JsonElement? Json { get; }

    /// <summary>Gets why the endpoint rejected the webhook (the <c>error</c> text of a non-2xx answer), or <see langword="null"/> when it accepted it.</summary>
    public string? RejectionReason { get; }

    /// <summary>Creates an answer from a status code and body.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The answer body.</param>
    /// <returns>The answer.</returns>
    internal static WebhookAnswer Create(HttpStatusCode statusCode, string body) => new(statusCode, body);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(int)StatusCode} {StatusCode}: {Body}");

    private static JsonElement? TryParse(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
