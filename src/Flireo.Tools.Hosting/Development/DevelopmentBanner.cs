using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;
using Flireo.Tools.Security;

namespace Flireo.Tools.Hosting.Development;

/// <summary>Prints, in Development, where the server listens, the webhook secret and a ready-to-paste signed <c>curl</c>.</summary>
internal static class DevelopmentBanner
{
    /// <summary>Writes the banner.</summary>
    /// <param name="output">Where to write (the console).</param>
    /// <param name="addresses">The addresses the server listens on.</param>
    /// <param name="path">The webhook route.</param>
    /// <param name="mcpPath">The MCP route, or <see langword="null"/> when MCP is off.</param>
    /// <param name="catalog">The tools served.</param>
    /// <param name="secret">The webhook secret, or <see langword="null"/> when unsigned requests are allowed.</param>
    /// <param name="secretWasGenerated">Whether the secret was generated for this run (and may be shown).</param>
    /// <param name="now">The current time, for the sample signature.</param>
    public static void Write(TextWriter output, IEnumerable<string> addresses, string path, string? mcpPath, ToolCatalog catalog, string? secret, bool secretWasGenerated, DateTimeOffset now)
    {
        var baseUrl = LocalUrl(addresses);
        var url = baseUrl + path;
        var body = SampleBody(catalog, now);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine("Flireo tool server (Development)")
            .AppendLine(CultureInfo.InvariantCulture, $"  Webhook URL:    {url}")
            .AppendLine(CultureInfo.InvariantCulture, $"  Health:         {baseUrl}/healthz   {baseUrl}/readyz")
            .AppendLine(CultureInfo.InvariantCulture, $"  Tools ({catalog.Tools.Count}):      {string.Join(", ", catalog.Tools.Select(t => t.Name))}");
        if (mcpPath is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  MCP endpoint:   {baseUrl}{mcpPath}   (Streamable HTTP)");
        }

        if (secret is null)
        {
            text.AppendLine("  Webhook secret: none (Flireo:AllowUnsignedRequests is on)")
                .AppendLine("  Try it:")
                .AppendLine(CultureInfo.InvariantCulture, $"    curl -sS {Quote(url)} -H 'Content-Type: application/json' -d {Quote(body)}");
        }
        else
        {
            var signature = WebhookSignature.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body));
            text.AppendLine(secretWasGenerated
                    ? $"  Webhook secret: {secret}   (generated for this run; set Flireo__WebhookSecret to keep one)"
                    : "  Webhook secret: from configuration (in the sign-afresh line below; this banner is shown in Development only)")
                .AppendLine(CultureInfo.InvariantCulture, $"  Try it (signed; the signature is accepted until {now.AddMinutes(5).UtcDateTime:HH:mm:ss} UTC):")
                .AppendLine(CultureInfo.InvariantCulture, $"    curl -sS {Quote(url)} -H 'Content-Type: application/json' -H '{WebhookSignature.TimestampHeader}: {timestamp}' -H '{WebhookSignature.SignatureHeader}: {signature}' -d {Quote(body)}")
                .AppendLine("  Sign afresh at any time (bash and openssl):")
                .AppendLine(CultureInfo.InvariantCulture, $"    BODY={Quote(body)}; TS=$(date +%s); SIG=$(printf '%s.%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -hmac {Quote(secret)} -r | cut -d' ' -f1); curl -sS {Quote(url)} -H 'Content-Type: application/json' -H \"X-Webhook-Timestamp: $TS\" -H \"X-Webhook-Signature: sha256=$SIG\" -d \"$BODY\"");
        }

        output.WriteLine(text.ToString());
        output.Flush();
    }

    /// <summary>Builds a tool-calls webhook body (snake_case, as Flireo sends today) with sample arguments for the simplest sync tool.</summary>
    /// <remarks>
    /// A sync tool whose sample arguments are known to be valid comes first: one with <see cref="FlireoToolAttribute.Example"/>
    /// (its example is sent), else one without required parameters. Otherwise the tool with the fewest required parameters
    /// is taken (read-only look-ups usually, not one that books or sends), with arguments made up from its schema.
    /// </remarks>
    /// <param name="catalog">The tools served.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The JSON body.</returns>
    public static string SampleBody(ToolCatalog catalog, DateTimeOffset now)
    {
        var tool = catalog.Tools
            .OrderBy(t => t.IsAsync)
            .ThenBy(t => ExampleOf(t) is not null ? 0 : RequiredCount(t) == 0 ? 1 : 2)
            .ThenBy(RequiredCount)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .First();
        var arguments = ExampleOf(tool) is { } example ? JsonNode.Parse(example)!.AsObject() : SampleArguments.Create(tool.ParametersSchema);
        var message = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["type"] = WebhookTypes.ToolCalls,
                ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["call"] = new JsonObject { ["id"] = "dev-call-1", ["type"] = "inbound_phone_call", ["status"] = "in-progress" },
                ["phone_number"] = new JsonObject { ["number"] = "+31850000000", ["name"] = "Development" },
                ["customer"] = new JsonObject { ["number"] = "+31612345678" },
                ["tool_call_list"] = new JsonArray(new JsonObject
                {
                    ["id"] = "dev_tool_call_1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = tool.Name, ["arguments"] = arguments },
                }),
            },
        };
        return message.ToJsonString();
    }

    /// <summary>Picks the address a local curl can reach: http before https, wildcard hosts replaced by <c>localhost</c>.</summary>
    /// <param name="addresses">The listening addresses.</param>
    /// <returns>The base URL without a trailing slash.</returns>
    public static string LocalUrl(IEnumerable<string> addresses)
    {
        var all = addresses.ToList();
        var address = all.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? all.FirstOrDefault() ?? "http://localhost:5000";
        foreach (var wildcard in (string[])["://[::]", "://0.0.0.0", "://+", "://*"])
        {
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return address.TrimEnd('/');
    }

    private static string? ExampleOf(ToolDescriptor tool) => tool.Method.GetCustomAttribute<FlireoToolAttribute>()?.Example;

    private static int RequiredCount(ToolDescriptor tool)
        => tool.ParametersSchema.TryGetProperty("required", out var required) && required.ValueKind == System.Text.Json.JsonValueKind.Array ? required.GetArrayLength() : 0;

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
