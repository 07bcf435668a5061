using System.Reflection;
using System.Text.Json;
using Flireo.Tools.Invocation;

namespace Flireo.Tools;

/// <summary>Describes one tool, built once at startup from a <see cref="FlireoToolAttribute"/> method.</summary>
/// <remarks>The same descriptors back the exported definitions, the webhook router and the CLI.</remarks>
public sealed class ToolDescriptor
{
    private byte[]? _acknowledgementJson;

    private readonly Lazy<(JsonElement Schema, JsonElement Strict)> _schemas;

    internal ToolDescriptor(
        string name,
        string? description,
        MethodInfo method,
        FlireoToolAttribute attribute,
        IReadOnlyList<ToolParameter> parameters,
        Func<(JsonElement Schema, JsonElement Strict)> generateSchemas,
        Type? returnValueType,
        ToolInvoker invoker,
        ParameterBinding[] bindings)
    {
        Name = name;
        Description = description;
        Method = method;
        IsAsync = attribute.Async;
        NonBlocking = attribute.NonBlocking;
        Message = attribute.Message;
        AnnounceResult = attribute.AnnounceResult;
        Timeout = attribute.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(attribute.TimeoutSeconds) : null;
        HandOffAfter = attribute.HandOffAfterSeconds > 0 ? TimeSpan.FromSeconds(attribute.HandOffAfterSeconds) : null;
        HandOffMessage = HandOffAfter is null ? null : attribute.HandOffMessage ?? DefaultHandOffMessage;
        Parameters = parameters;
        _schemas = new(generateSchemas, LazyThreadSafetyMode.ExecutionAndPublication);
        ReturnValueType = returnValueType;
        Invoker = invoker;
        Bindings = bindings;
        TakesCancellationToken = Array.Exists(bindings, static b => b.Source == ParameterSource.CancellationToken);
        TakesContext = Array.Exists(bindings, static b => b.Source == ParameterSource.Context);
    }

    /// <summary>Gets the tool name the model calls.</summary>
    public string Name { get; }

    /// <summary>Gets what the tool does, or <see langword="null"/> when the method has no description.</summary>
    public string? Description { get; }

    /// <summary>Gets the method that implements the tool.</summary>
    public MethodInfo Method { get; }

    /// <summary>Gets the class that declares the tool method.</summary>
    public Type ToolType => Method.DeclaringType!;

    /// <summary>Gets a value indicating whether the tool is acknowledged at once and run in the background.</summary>
    public bool IsAsync { get; }

    /// <summary>Gets a value indicating whether the tool runs on the calling thread, without the hand-off to the tool scheduler (<see cref="FlireoToolAttribute.NonBlocking"/>).</summary>
    public bool NonBlocking { get; }

    /// <summary>Gets what the assistant says while the tool runs (sync: before the result; async: instead of it), or <see langword="null"/>.</summary>
    /// <remarks>Set with <see cref="FlireoToolAttribute.Message"/> or its legacy alias <c>AsyncResponse</c>; exported as <c>message</c>.</remarks>
    public string? Message { get; }

    /// <summary>Gets a value indicating whether the result of the async tool is spoken into the call when its run ends.</summary>
    public bool AnnounceResult { get; }

    /// <summary>The result a hand-off answers with when the tool sets no <see cref="FlireoToolAttribute.HandOffMessage"/>.</summary>
    public const string DefaultHandOffMessage = "I'm still working on that; I'll tell you the answer in a moment.";

    /// <summary>Gets the per-tool time limit, or <see langword="null"/> to use the global one.</summary>
    /// <remarks>For a tool that hands off it limits the whole run, past the webhook's deadline.</remarks>
    public TimeSpan? Timeout { get; }

    /// <summary>Gets after how long a running sync tool hands off (<see cref="FlireoToolAttribute.HandOffAfterSeconds"/>), or <see langword="null"/> when it never does.</summary>
    public TimeSpan? HandOffAfter { get; }

    /// <summary>Gets the result a hand-off answers the webhook with, or <see langword="null"/> when the tool never hands off.</summary>
    public string? HandOffMessage { get; }

    /// <summary>Gets the parameters the model fills in, in method order; injected parameters are not listed.</summary>
    public IReadOnlyList<ToolParameter> Parameters { get; }

    /// <summary>Gets the JSON schema of the arguments object.</summary>
    /// <remarks>Generated with its strict variant when either is first read, then kept: serving webhooks never needs it.</remarks>
    /// <exception cref="FlireoToolsConfigurationException">No schema can be generated for the parameters.</exception>
    public JsonElement ParametersSchema => _schemas.Value.Schema;

    /// <summary>Gets the strict variant of the schema: every property required, optional ones nullable.</summary>
    /// <remarks>Generated with the normal schema when either is first read, then kept.</remarks>
    /// <exception cref="FlireoToolsConfigurationException">No schema can be generated for the parameters.</exception>
    public JsonElement StrictParametersSchema => _schemas.Value.Strict;

    /// <summary>Gets the type of the value the tool produces after unwrapping tasks, or <see langword="null"/> when it produces none.</summary>
    public Type? ReturnValueType { get; }

    internal ToolInvoker Invoker { get; }

    internal ParameterBinding[] Bindings { get; }

    /// <summary>Gets a value indicating whether the method takes a <see cref="CancellationToken"/> (only such a tool gets a token source of its own).</summary>
    internal bool TakesCancellationToken { get; }

    /// <summary>Gets a value indicating whether the method takes a <see cref="ToolCallContext"/> (only such a tool's sync call builds one).</summary>
    internal bool TakesContext { get; }

    /// <summary>Gets what an async call of this tool is acknowledged with, as answer JSON: its <see cref="Message"/>, or a default text.</summary>
    /// <remarks>The same for every call: written on first use and shared (never mutated); two threads may both write it first, equal.</remarks>
    internal byte[] AcknowledgementJson => _acknowledgementJson ??= ResultJson.Text(Message ?? "Accepted: the tool runs in the background.");

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({ToolType.FullName}.{Method.Name})";
}
