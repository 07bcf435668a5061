using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flireo.Examples.Docs.WritingTools;

namespace Flireo.Examples.Docs.Migrating;

/// <summary>The kind of webhook endpoint the migrating page starts from: every step of the protocol written by hand.</summary>
public static class HandWrittenWebhook
{
    public static WebApplication MapHandWrittenWebhook(this WebApplication app)
    {
        #region migrating-before
        app.MapPost("/webhooks/flireo", async (HttpRequest request, IAppointmentBook book, IConfiguration configuration) =>
        {
            // Check the signature over the raw body.
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var timestamp = request.Headers["X-Webhook-Timestamp"].ToString();
            var signature = request.Headers["X-Webhook-Signature"].ToString().Replace("sha256=", "", StringComparison.Ordinal);
            var key = Encoding.UTF8.GetBytes(configuration["Flireo:WebhookSecret"]!);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(signature)))
            {
                return Results.Unauthorized();
            }

            // Run each tool call and collect the results.
            using var json = JsonDocument.Parse(body);
            var message = json.RootElement.GetProperty("message");
            if (message.GetProperty("type").GetString() != "tool-calls")
            {
                return Results.Ok();
            }

            var results = new List<object>();
            foreach (var call in message.GetProperty("tool_call_list").EnumerateArray())
            {
                var id = call.GetProperty("id").GetString();
                var function = call.GetProperty("function");
                var arguments = function.GetProperty("arguments");
                switch (function.GetProperty("name").GetString())
                {
                    case "book_appointment":
                        var appointment = await book.TryBookAsync(
                            new AppointmentRequest(
                                DateOnly.Parse(arguments.GetProperty("date").GetString()!, CultureInfo.InvariantCulture),
                                TimeOnly.Parse(arguments.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
                                Enum.Parse<AppointmentKind>(arguments.GetProperty("kind").GetString()!),
                                arguments.GetProperty("patient_name").GetString()!,
                                message.GetProperty("customer").GetProperty("number").GetString(),
                                arguments.TryGetProperty("notes", out var notes) ? notes.GetString() : null),
                            request.HttpContext.RequestAborted);
                        results.Add(appointment is null
                            ? new { tool_call_id = id, error = "That time is taken." }
                            : new { tool_call_id = id, result = (object)appointment });
                        break;
                    default:
                        results.Add(new { tool_call_id = id, error = "Unknown tool." });
                        break;
                }
            }

            return Results.Ok(new { results });
        });
        #endregion
        return app;
    }
}
