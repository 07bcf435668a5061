using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Reliability.Tests.Properties;

/// <summary>Routes one tool call with the given arguments through the real router and returns what the model would see.</summary>
/// <remarks>Properties run synchronously; the router never captures a context, so waiting on it here is safe.</remarks>
public sealed class EchoRouter : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ToolRouter _router;
    private int _nextId;

    public EchoRouter()
    {
        var services = new ServiceCollection();
        services.AddFlireoTools(options => options.IdempotencyCapacity = 0).AddTools<EchoTools>();
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<ToolRouter>();
    }

    public ToolCatalog Catalog => _router.Catalog;

    public JsonSerializerOptions Options => Catalog.SerializerOptions;

    public ToolDescriptor Tool(string name) => Catalog.TryGetTool(name, out var tool) ? tool : throw new ArgumentException($"No tool '{name}'.", nameof(name));

    /// <summary>Calls the tool with <c>arguments</c> (a JSON object's text) and returns the call's outcome.</summary>
    public ToolCallResult Call(string tool, string arguments)
    {
        var id = "t" + Interlocked.Increment(ref _nextId);
        var body = "{\"message\":{\"type\":\"tool-calls\",\"call\":{\"id\":\"property\"},\"tool_call_list\":[{\"id\":\"" + id + "\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}]}}";
        if (!WebhookMessage.TryParse(Encoding.UTF8.GetBytes(body), out var message, out var error))
        {
            throw new InvalidOperationException($"The webhook did not parse: {error} {body}");
        }

        using (message)
        {
            return _router.RouteAsync(message, CancellationToken.None).AsTask().GetAwaiter().GetResult().Results[0];
        }
    }

    public void Dispose() => _services.Dispose();
}
