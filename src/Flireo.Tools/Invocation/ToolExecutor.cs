using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Async;
using Flireo.Tools.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Invocation;

/// <summary>How one invocation ended: the status and the outcome the model sees.</summary>
internal readonly record struct ExecutionOutcome(ToolRunStatus Status, ToolCallResult Result);

/// <summary>Binds, invokes and normalises one tool call in its own DI scope; shared by the router and the async runner.</summary>
internal sealed class ToolExecutor
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ToolCatalog _catalog;
    private readonly ILogger _logger;
    private readonly bool _detailedErrors;
    private readonly int _maxResultSize;
    private JsonSerializerOptions? _resultOptions;

    public ToolExecutor(IServiceScopeFactory scopes, ToolCatalog catalog, IOptions<FlireoToolsOptions> options, ILogger<ToolExecutor> logger)
    {
        _scopes = scopes;
        _catalog = catalog;
        _logger = logger;
        _detailedErrors = options.Value.IncludeDetailedErrors;
        _maxResultSize = options.Value.MaxResultSize;
    }

    public ToolCatalog Catalog => _catalog;

    /// <summary>Binds the model's arguments; returns the argument array, or an error naming the parameter.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = TrimmingMessages.DescribedTool)]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification = TrimmingMessages.DescribedTool)]
    public object?[]? Bind(ToolDescriptor tool, string toolCallId, JsonElement arguments, out string? error)
    {
        var values = new object?[tool.Bindings.Length];
        error = ArgumentBinder.Bind(tool.Name, tool.Bindings, arguments, _catalog.SerializerOptions, values);
        if (error is null)
        {
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                Log.ToolArgumentsSensitive(_logger, tool.Name, toolCallId, arguments.ValueKind == JsonValueKind.Undefined ? "{}" : arguments.GetRawText());
            }

            return values;
        }

        Log.InvalidArguments(_logger, tool.Name, toolCallId, error);
        return null;
    }

    /// <summary>Invokes a bound call on the calling thread; never throws.</summary>
    public Task<ExecutionOutcome> InvokeAsync(ToolDescriptor tool, object?[] values, ToolCallContext context, CancellationToken cancellationToken) =>
        InvokeCoreAsync(tool, values, context.ToolCallId, context, onToolScheduler: false, cancellationToken);

    /// <summary>Invokes a bound call on <see cref="ToolTaskScheduler.Shared"/>: the task returns at once and the tool runs as a work item of that scheduler; never throws.</summary>
    /// <remarks>A <see cref="ToolDescriptor.NonBlocking"/> tool runs on the calling thread instead, up to its first incomplete await.</remarks>
    /// <param name="tool">The tool.</param>
    /// <param name="values">The bound argument array.</param>
    /// <param name="toolCallId">The tool call id the outcome names.</param>
    /// <param name="context">The call's context; <see langword="null"/> only for a tool that takes none (<see cref="ToolDescriptor.TakesContext"/>).</param>
    /// <param name="cancellationToken">The token the tool gets.</param>
    /// <returns>How the invocation ended.</returns>
    public Task<ExecutionOutcome> RunAsync(ToolDescriptor tool, object?[] values, string toolCallId, ToolCallContext? context, CancellationToken cancellationToken) =>
        InvokeCoreAsync(tool, values, toolCallId, context, onToolScheduler: !tool.NonBlocking, cancellationToken);

    [UnconditionalSuppressMessage("Trimming", "IL2072:UnrecognizedReflectionPattern", Justification = TrimmingMessages.DescribedTool)]
    private async Task<ExecutionOutcome> InvokeCoreAsync(ToolDescriptor tool, object?[] values, string id, ToolCallContext? context, bool onToolScheduler, CancellationToken cancellationToken)
    {
        if (onToolScheduler)
        {
            // One frame for the hop and the call: the caller gets this method's task, the rest runs on the tool scheduler.
            await ToolTaskScheduler.Shared.Enter();
        }

        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var services = scope.ServiceProvider;
                if (context is not null)
                {
                    context.Services = services;
                }

                var bindings = tool.Bindings;
                for (var i = 0; i < bindings.Length; i++)
                {
                    values[i] = bindings[i].Source switch
                    {
                        ParameterSource.Model => values[i],
                        ParameterSource.CancellationToken => cancellationToken,
                        ParameterSource.Context => context ?? throw new InvalidOperationException("A tool that takes a ToolCallContext was run without one."),
                        ParameterSource.ServiceProvider => services,
                        ParameterSource.KeyedService => services.GetRequiredKeyedService(bindings[i].Type, bindings[i].ServiceKey),
                        _ => services.GetRequiredService(bindings[i].Type),
                    };
                }

                var invoker = tool.Invoker;
                ValueTask<object?> invoked;

                // On the caller's thread (a non-blocking tool, or a direct invocation) the watchdog still sees the tool's code.
                using (onToolScheduler ? default : ToolTaskScheduler.Shared.EnterInline())
                {
                    var target = tool.Method.IsStatic ? null : invoker.CreateTarget?.Invoke(services) ?? CreateTargetByReflection(services, tool.ToolType);
                    invoked = invoker.InvokeAsync(target, values);
                }

                var returned = await invoked.ConfigureAwait(false);
                return Normalize(tool, id, returned);
            }
        }
        catch (FlireoToolException ex)
        {
            Log.ToolReturnedError(_logger, tool.Name, id, ex.Message);
            return new(ToolRunStatus.ToolError, ToolCallResult.Failure(id, ex.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new(ToolRunStatus.Timeout, ToolCallResult.Failure(id, $"The tool '{tool.Name}' was cancelled before it finished."));
        }
        catch (Exception ex)
        {
            Log.ToolThrew(_logger, ex, tool.Name, id);
            var message = _detailedErrors
                ? $"The tool '{tool.Name}' failed: {ex.GetType().Name}: {ex.Message}"
                : $"The tool '{tool.Name}' failed. Please try again later.";
            return new(ToolRunStatus.Exception, ToolCallResult.Failure(id, message));
        }
    }

    // Reached only for instance tools without a generated call (docs/native-aot.md).
    [UnconditionalSuppressMessage("Trimming", "IL2067:DynamicallyAccessedMembers", Justification = TrimmingMessages.DescribedTool)]
    private static object CreateTargetByReflection(IServiceProvider services, Type toolType) => ActivatorUtilities.GetServiceOrCreateInstance(services, toolType);

    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = TrimmingMessages.DescribedTool)]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification = TrimmingMessages.DescribedTool)]
    private ExecutionOutcome Normalize(ToolDescriptor tool, string id, object? returned)
    {
        ToolCallResult result;
        try
        {
            switch (returned)
            {
                case null:
                    result = ToolCallResult.SuccessJson(id, ResultJson.EmptySuccess);
                    break;
                case ToolResult { IsError: true } error:
                    Log.ToolReturnedError(_logger, tool.Name, id, error.ErrorMessage!);
                    return new(ToolRunStatus.ToolError, ToolCallResult.Failure(id, error.ErrorMessage!));
                case ToolResult ok:
                    return Normalize(tool, id, ok.Value);
                case JsonElement element:
                    result = ToolResponse.ParseOne(element, id);
                    break;
                case JsonNode node:
                    result = ToolResponse.ParseOne(JsonSerializer.SerializeToElement(node, ToolJson.NodeTypeInfo), id);
                    break;
                case JsonDocument document:
                    result = ToolResponse.ParseOne(document.RootElement, id);
                    break;
                default:
                    // Written once, as the answer writes it; the answer copies these bytes.
                    var options = _resultOptions ??= ResultJson.CreateOptions(_catalog.SerializerOptions);
                    result = ToolCallResult.SuccessJson(id, ResultJson.Serialize(returned, returned.GetType(), options));
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Log.ResultNotSerializable(_logger, ex, tool.Name, id);
            var message = $"The result of tool '{tool.Name}' cannot be written as JSON: {WhyNotJson(ex)}.";
            return new(ToolRunStatus.Exception, ToolCallResult.Failure(id, _detailedErrors ? $"{message} {ex.Message}" : message));
        }

        if (!result.IsError && result.ResultSize is var size && size > _maxResultSize)
        {
            Log.ResultTooLarge(_logger, tool.Name, id, size, _maxResultSize);
            return new(ToolRunStatus.ToolError, ToolCallResult.Failure(id, $"The result of tool '{tool.Name}' is too large to send: {size} bytes, more than the {_maxResultSize} allowed."));
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            Log.ToolResultSensitive(_logger, tool.Name, id, result.IsError ? result.Error! : result.ResultText()!);
        }

        return new(result.IsError ? ToolRunStatus.ToolError : ToolRunStatus.Succeeded, result);
    }

    // The reason in words the caller may see; the serializer's own message (type names, paths) only with detailed errors.
    private string WhyNotJson(Exception exception) => exception switch
    {
        // Utf8JsonWriter refuses NaN and the infinities with an ArgumentException.
        ArgumentException => "it contains NaN or Infinity, which JSON has no number for",
        JsonException json when Depth(json.Path) >= MaxDepth => $"it contains a reference cycle or is nested more than {MaxDepth} levels deep",
        NotSupportedException or InvalidOperationException => "it contains a value of a type JSON cannot hold (such as a delegate, a pointer or a Type)",
        _ => "a JSON converter refused it",
    };

    private int MaxDepth => _catalog.SerializerOptions.MaxDepth is > 0 and var depth ? depth : 64;

    private static int Depth(string? path)
    {
        var depth = 0;
        foreach (var c in path.AsSpan())
        {
            if (c is '.' or '[')
            {
                depth++;
            }
        }

        return depth;
    }
}
