using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;
using Flireo.Tools.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Dashboard;

/// <summary>Calls a tool the way Flireo does: a tool-calls webhook body, signed with the app's secret, handed to the app's own webhook endpoint in process.</summary>
/// <remarks>
/// The request goes through the endpoint of <c>MapFlireoWebhooks</c> (content type, bearer token, signature, parse, router,
/// answer), so the answer shown is the bytes Flireo would receive. Secrets are used, never shown.
/// </remarks>
internal sealed class TryItRunner(IServiceProvider services)
{
    /// <summary>The display name <c>MapFlireoWebhooks</c> gives its main endpoint.</summary>
    internal const string WebhookEndpointName = "Flireo webhooks";

    /// <summary>Runs one call of <paramref name="tool"/> with <paramref name="arguments"/>.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="arguments">The arguments object.</param>
    /// <param name="cancellationToken">The dashboard request's abort token.</param>
    /// <returns>The answer, or <see langword="null"/> when the app maps no webhook endpoint.</returns>
    public async Task<TryItAnswer?> RunAsync(ToolDescriptor tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (FindWebhookEndpoint() is not { RequestDelegate: { } handler } endpoint)
        {
            return null;
        }

        var options = services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var callId = "dashboard_" + Guid.CreateVersion7().ToString("N");
        var toolCallId = "try_" + Guid.CreateVersion7().ToString("N");
        var body = WriteBody(time, callId, toolCallId, tool.Name, arguments);

        var scope = services.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var request = context.Request;
        request.Method = HttpMethods.Post;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        request.Path = endpoint.RoutePattern.RawText is { Length: > 0 } path && !path.Contains('{', StringComparison.Ordinal) ? "/" + path.TrimStart('/') : "/flireo";
        request.ContentType = "application/json";
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body, writable: false);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers[WebhookSignature.TimestampHeader] = timestamp;
        request.Headers[WebhookSignature.EventHeader] = WebhookTypes.ToolCalls;
        var secret = !string.IsNullOrEmpty(options.WebhookSecret) ? options.WebhookSecret : options.AdditionalWebhookSecrets.FirstOrDefault(static s => !string.IsNullOrEmpty(s));
        if (secret is not null)
        {
            request.Headers[WebhookSignature.SignatureHeader] = WebhookSignature.Sign(secret, timestamp, body);
        }

        if (!string.IsNullOrEmpty(options.BearerToken))
        {
            request.Headers.Authorization = "Bearer " + options.BearerToken;
        }

        var answer = new MemoryStream();
        context.Response.Body = answer;
        context.RequestAborted = cancellationToken;
        context.SetEndpoint(endpoint);

        var started = time.GetTimestamp();
        await handler(context).ConfigureAwait(false);
        await context.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);

        return new TryItAnswer(
            context.Response.StatusCode,
            Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length),
            Encoding.UTF8.GetString(body),
            elapsed,
            callId,
            toolCallId,
            secret is not null);
    }

    /// <summary>Finds the main endpoint <c>MapFlireoWebhooks</c> mapped, or <see langword="null"/>.</summary>
    internal RouteEndpoint? FindWebhookEndpoint()
    {
        if (services.GetService<EndpointDataSource>() is not { } source)
        {
            return null;
        }

        foreach (var endpoint in source.Endpoints)
        {
            if (endpoint is RouteEndpoint route && string.Equals(route.DisplayName, WebhookEndpointName, StringComparison.Ordinal))
            {
                return route;
            }
        }

        return null;
    }

    // {"message":{"type":"tool-calls","timestamp":…,"call":{…},"tool_call_list":[{"id":…,"type":"function","function":{"name":…,"arguments":{…}}}]}}
    private static byte[] WriteBody(TimeProvider time, string callId, string toolCallId, string toolName, JsonObject arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("message"u8);
            writer.WriteString("type"u8, WebhookTypes.ToolCalls);
            writer.WriteString("timestamp"u8, time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteStartObject("call"u8);
            writer.WriteString("id"u8, callId);
            writer.WriteString("type"u8, "web_call"u8);
            writer.WriteString("status"u8, "in_progress"u8);
            writer.WriteEndObject();
            writer.WriteStartArray("tool_call_list"u8);
            writer.WriteStartObject();
            writer.WriteString("id"u8, toolCallId);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, toolName);
            writer.WritePropertyName("arguments"u8);
            arguments.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
