using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Definitions;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Flireo.Tools.Mcp;

/// <summary>Answers <c>tools/list</c> from the exported definitions and runs each <c>tools/call</c> through the webhook's <see cref="ToolRouter"/>.</summary>
/// <remarks>
/// A call becomes a one-call tool-calls message (with the MCP session and request ids under <c>mcp</c>), so the binder,
/// the deadline, injected services, <see cref="ToolCallContext"/>, metrics, traces and the async queue are the webhook's.
/// Failures are <c>isError</c> results carrying the webhook's model-facing text.
/// </remarks>
internal sealed class McpToolHandler
{
    private readonly ToolRouter _router;
    private readonly ToolCatalog _catalog;
    private readonly TimeSpan _timeout;
    private readonly int _maxJsonDepth;
    private readonly ILogger _logger;
    private readonly Lazy<ListToolsResult> _tools;

    public McpToolHandler(ToolRouter router, IOptions<FlireoMcpOptions> options, IOptions<FlireoToolsOptions> toolsOptions, ILogger<McpToolHandler> logger)
    {
        _router = router;
        _catalog = router.Catalog;
        _timeout = options.Value.Timeout;
        _maxJsonDepth = toolsOptions.Value.MaxJsonDepth;
        _logger = logger;
        _tools = new Lazy<ListToolsResult>(() => BuildTools(_catalog), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the tools as MCP lists them, built once from the non-strict exported definitions.</summary>
    /// <exception cref="FlireoToolsConfigurationException">A tool's parameter schema is not a JSON object schema.</exception>
    public IList<Tool> Tools => _tools.Value.Tools;

    /// <summary>Gets the time limit of a sync tool over MCP: its own <c>TimeoutSeconds</c>, else <see cref="FlireoMcpOptions.Timeout"/>, at most 60 seconds.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>The deadline.</returns>
    public TimeSpan DeadlineOf(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var limit = tool.Timeout ?? _timeout;
        return limit < FlireoMcpOptions.MaxTimeout ? limit : FlireoMcpOptions.MaxTimeout;
    }

    public ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
        => ValueTask.FromResult(_tools.Value);

    public async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Params?.Name ?? string.Empty;
        var requestId = request.JsonRpcRequest.Id.Id?.ToString();
        var toolCallId = string.Concat("mcp_", Guid.CreateVersion7().ToString("N"));
        byte[] envelope;
        try
        {
            envelope = WriteEnvelope(name, toolCallId, request.Server.SessionId, requestId, request.Params?.Arguments);
        }
        catch (ArgumentException ex)
        {
            // A name or key that is not valid UTF-16 (a lone surrogate) cannot be written as JSON.
            McpLog.CallUnreadable(_logger, requestId, name, ex.Message);
            return Failure($"The arguments of the tool '{name}' could not be read: they hold text that is not valid Unicode.");
        }

        if (!WebhookMessage.TryParse(envelope, out var message, out var error, _maxJsonDepth))
        {
            McpLog.CallUnreadable(_logger, requestId, name, error);
            return Failure($"The arguments of the tool '{name}' could not be read: {error}");
        }

        using (message)
        {
            var deadline = _catalog.TryGetTool(name, out var tool) ? DeadlineOf(tool) : _timeout;
            var result = await _router.RouteCallAsync(message, message.ToolCalls[0], deadline, cancellationToken).ConfigureAwait(false);
            return ToCallToolResult(result);
        }
    }

    private static CallToolResult ToCallToolResult(ToolCallResult result)
    {
        if (result.Error is { } error)
        {
            return Failure(error);
        }

        var value = result.Result!.Value;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],

            // An object result is also structured content, for clients that read it; its text form goes alongside.
            StructuredContent = value.ValueKind == JsonValueKind.Object ? value : null,
        };
    }

    private static CallToolResult Failure(string text) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = text }],
    };

    // {"message":{"type":"tool-calls","mcp":{…},"tool_call_list":[{"id":…,"type":"function","function":{"name":…,"arguments":{…}}}]}}
    private static byte[] WriteEnvelope(string name, string toolCallId, string? sessionId, string? requestId, IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("message"u8);
            writer.WriteString("type"u8, WebhookTypes.ToolCalls);
            writer.WriteStartObject("mcp"u8);
            writer.WriteString("session_id"u8, sessionId);
            writer.WriteString("request_id"u8, requestId);
            writer.WriteEndObject();
            writer.WriteStartArray("tool_call_list"u8);
            writer.WriteStartObject();
            writer.WriteString("id"u8, toolCallId);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, name);
            if (arguments is not null)
            {
                writer.WriteStartObject("arguments"u8);
                foreach (var (key, value) in arguments)
                {
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ListToolsResult BuildTools(ToolCatalog catalog)
    {
        var definitions = ToolDefinitions.Export(catalog.Tools, new ToolDefinitionOptions { Strict = false, Shape = ToolDefinitionShape.Flat });
        var tools = new List<Tool>(definitions.Count);
        foreach (var node in definitions)
        {
            var definition = node!.AsObject();
            var name = definition["name"]!.GetValue<string>();
            var parameters = definition["parameters"] as JsonObject;
            if (parameters is null || parameters["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "object")
            {
                var descriptor = catalog.Tools.First(t => t.Name == name);
                throw new FlireoToolsConfigurationException([new ToolProblem(descriptor.ToolType, descriptor.Method, "Its parameter schema is not a JSON object schema (\"type\": \"object\"), so it cannot be an MCP tool's inputSchema.")]);
            }

            tools.Add(new Tool
            {
                Name = name,
                Description = definition["description"]?.GetValue<string>(),
                InputSchema = JsonSerializer.SerializeToElement(parameters, McpJsonContext.Default.JsonObject),
            });
        }

        return new ListToolsResult { Tools = tools };
    }
}
