using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using Flireo.Tools.SourceGeneration;

namespace Flireo.Tools.Invocation;

/// <summary>Calls a tool method, through the generated catalog's direct call or a compiled expression, and unwraps its task, if any.</summary>
[RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
[RequiresDynamicCode(TrimmingMessages.ToolReflection)]
internal sealed class ToolInvoker
{
    private readonly Expression<Func<object?, object?[], object?>>? _callExpression;
    private readonly Expression<Func<object, object?>>? _taskResultExpression;
    private readonly ReturnKind _returnKind;
    private readonly Func<object?, object?[], ValueTask<object?>>? _generated;
    private Func<object?, object?[], object?>? _call;
    private Func<object, object?>? _taskResult;

    private ToolInvoker(Expression<Func<object?, object?[], object?>> call, ReturnKind returnKind, Expression<Func<object, object?>>? taskResult)
    {
        // Compiled on the first call, so that scanning thousands of tools (or exporting them) pays no compile cost.
        _callExpression = call;
        _returnKind = returnKind;
        _taskResultExpression = taskResult;
    }

    private ToolInvoker(GeneratedToolCall call)
    {
        _generated = call.Invoke;
        CreateTarget = call.CreateTarget;
    }

    private enum ReturnKind
    {
        Void,
        Value,
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    /// <summary>Gets the type of the value produced after unwrapping, or <see langword="null"/> for none.</summary>
    public Type? ValueType { get; private init; }

    /// <summary>Gets a value indicating whether the call is the generated catalog's direct one (no expression is compiled).</summary>
    public bool IsGenerated => _generated is not null;

    /// <summary>Gets the generated factory of an instance tool's target, or <see langword="null"/>.</summary>
    public Func<IServiceProvider, object>? CreateTarget { get; }

    /// <summary>Wraps the generated catalog's direct call of <paramref name="method"/>.</summary>
    public static ToolInvoker FromGenerated(MethodInfo method, GeneratedToolCall call) => new(call) { ValueType = ValueTypeOf(method.ReturnType) };

    /// <summary>Gets the type of the value a method returning <paramref name="returnType"/> produces after unwrapping, or <see langword="null"/>.</summary>
    public static Type? ValueTypeOf(Type returnType)
    {
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return null;
        }

        return returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : returnType;
    }

    /// <summary>Builds the compiled-expression call of <paramref name="method"/>, compiled on its first use.</summary>
    public static ToolInvoker Create(MethodInfo method)
    {
        var target = Expression.Parameter(typeof(object), "target");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var arguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), parameters[i].ParameterType);
        }

        Expression call = method.IsStatic
            ? Expression.Call(method, arguments)
            : Expression.Call(Expression.Convert(target, method.DeclaringType!), method, arguments);

        var returnType = method.ReturnType;
        ReturnKind kind;
        Type? valueType;
        Expression<Func<object, object?>>? taskResult = null;
        if (returnType == typeof(void))
        {
            kind = ReturnKind.Void;
            valueType = null;
            call = Expression.Block(call, Expression.Constant(null, typeof(object)));
        }
        else if (returnType == typeof(Task))
        {
            (kind, valueType) = (ReturnKind.Task, null);
        }
        else if (returnType == typeof(ValueTask))
        {
            (kind, valueType) = (ReturnKind.ValueTask, null);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            (kind, valueType) = (ReturnKind.TaskOfT, returnType.GetGenericArguments()[0]);
            taskResult = CompileResultGetter(returnType);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            // ValueTask<T> is converted to Task<T> once, inside the compiled call, so it is awaited the same way.
            (kind, valueType) = (ReturnKind.ValueTaskOfT, returnType.GetGenericArguments()[0]);
            var asTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask))!;
            call = Expression.Call(call, asTask);
            taskResult = CompileResultGetter(asTask.ReturnType);
        }
        else
        {
            (kind, valueType) = (ReturnKind.Value, returnType);
        }

        if (kind == ReturnKind.ValueTask)
        {
            call = Expression.Call(call, typeof(ValueTask).GetMethod(nameof(ValueTask.AsTask))!);
        }

        var body = Expression.Convert(call, typeof(object));
        var lambda = Expression.Lambda<Func<object?, object?[], object?>>(body, target, args);
        return new ToolInvoker(lambda, kind, taskResult) { ValueType = valueType };
    }

    /// <summary>Calls the method; exceptions thrown synchronously surface through the returned task or are thrown.</summary>
    public ValueTask<object?> InvokeAsync(object? target, object?[] arguments)
        => _generated is { } direct ? direct(target, arguments) : InvokeCompiledAsync(target, arguments);

    private async ValueTask<object?> InvokeCompiledAsync(object? target, object?[] arguments)
    {
        var call = _call ??= _callExpression!.Compile();
        var returned = call(target, arguments);
        switch (_returnKind)
        {
            case ReturnKind.Void:
            case ReturnKind.Value:
                return returned;
            case ReturnKind.Task:
            case ReturnKind.ValueTask:
                await ((Task)returned!).ConfigureAwait(false);
                return null;
            default:
                var task = (Task)returned!;
                await task.ConfigureAwait(false);
                return (_taskResult ??= _taskResultExpression!.Compile())(task);
        }
    }

    private static Expression<Func<object, object?>> CompileResultGetter(Type taskType)
    {
        var task = Expression.Parameter(typeof(object), "task");
        var result = Expression.Property(Expression.Convert(task, taskType), "Result");
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(result, typeof(object)), task);
    }
}
