using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;

namespace Flireo.Tools.Invocation;

/// <summary>Calls a tool method through a compiled delegate and unwraps its task, if any.</summary>
[RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
[RequiresDynamicCode(TrimmingMessages.ToolReflection)]
internal sealed class ToolInvoker
{
    private readonly Expression<Func<object?, object?[], object?>> _callExpression;
    private readonly Expression<Func<object, object?>>? _taskResultExpression;
    private readonly ReturnKind _returnKind;
    private Func<object?, object?[], object?>? _call;
    private Func<object, object?>? _taskResult;

    private ToolInvoker(Expression<Func<object?, object?[], object?>> call, ReturnKind returnKind, Expression<Func<object, object?>>? taskResult)
    {
        // Compiled on the first call, so that scanning thousands of tools (or exporting them) pays no compile cost.
        _callExpression = call;
        _returnKind = returnKind;
        _taskResultExpression = taskResult;
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

    /// <summary>Calls the method; exceptions thrown synchronously surface through the returned task.</summary>
    public async ValueTask<object?> InvokeAsync(object? target, object?[] arguments)
    {
        var call = _call ??= _callExpression.Compile();
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
