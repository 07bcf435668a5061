using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.Loader;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Empties the process-wide reflection caches that would keep a retired generation's types loaded for good.</summary>
/// <remarks>
/// <para>
/// Two kinds: the caches the runtime and libraries empty for Hot Reload (each assembly names them with
/// <see cref="MetadataUpdateHandlerAttribute"/>; <c>TypeDescriptor</c>'s property cache, which DataAnnotations validation
/// fills, and System.Text.Json's are among them), and Namotion.Reflection's caches of contextual types and nullable
/// flags, through which NJsonSchema describes every tool parameter. Namotion.Reflection has no public way to empty them,
/// so its internal members are reached by name. Last, the type-keyed tables of <c>TypeDescriptor</c> and of
/// DataAnnotations' <c>ValidationAttributeStore</c> (filled when arguments are validated) lose the retired generation's
/// types. When a later version renames these members nothing happens, and the unload check of <c>--watch</c> reports the
/// generation as still loaded.
/// </para>
/// <para>The caches fill again on demand for the current generation: a one-time cost after each swap.</para>
/// </remarks>
internal static class ReflectionCaches
{
    private const BindingFlags AnyStatic = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Empties the caches.</summary>
    /// <param name="retired">The load context of the retired generation, whose types are removed from type-keyed tables.</param>
    public static void Clear(AssemblyLoadContext retired)
    {
        foreach (var assembly in AssemblyLoadContext.Default.Assemblies)
        {
            foreach (var handler in assembly.GetCustomAttributes<MetadataUpdateHandlerAttribute>())
            {
                Invoke(handler.HandlerType.GetMethod("ClearCache", AnyStatic, [typeof(Type[])]), [null]);
            }
        }

        Invoke(Type.GetType("Namotion.Reflection.ContextualTypeExtensions, Namotion.Reflection", throwOnError: false)?.GetMethod("ClearCache", AnyStatic, Type.EmptyTypes), []);
        var nullableFlags = Type.GetType("Namotion.Reflection.NullableFlagsSource, Namotion.Reflection", throwOnError: false)?.GetField("_nullableCache", AnyStatic);
        if (nullableFlags is { IsInitOnly: false } && nullableFlags.FieldType.GetConstructor(Type.EmptyTypes) is { } create)
        {
            // Copy-on-write: readers take the field once, so a fresh empty dictionary is a safe swap.
            nullableFlags.SetValue(null, create.Invoke(null));
        }

        RemoveTypes(typeof(System.ComponentModel.TypeDescriptor), retired);
        RemoveTypes(typeof(System.ComponentModel.DataAnnotations.Validator).Assembly.GetType("System.ComponentModel.DataAnnotations.ValidationAttributeStore"), retired);
    }

    /// <summary>Removes the retired context's types from the type-keyed dictionaries in a class's static fields (or in its static singleton).</summary>
    private static void RemoveTypes(Type? owner, AssemblyLoadContext retired)
    {
        if (owner is null)
        {
            return;
        }

        foreach (var field in owner.GetFields(AnyStatic))
        {
            var value = field.GetValue(null);
            if (value is System.Collections.IDictionary table)
            {
                RemoveTypes(table, retired);
            }
            else if (value is not null && value.GetType() == owner)
            {
                foreach (var instanceField in owner.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    if (instanceField.GetValue(value) is System.Collections.IDictionary inner)
                    {
                        RemoveTypes(inner, retired);
                    }
                }
            }
        }
    }

    private static void RemoveTypes(System.Collections.IDictionary table, AssemblyLoadContext retired)
    {
        // Only concurrent dictionaries: removing from them while their owner reads or adds is safe.
        var type = table.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(ConcurrentDictionary<,>))
        {
            return;
        }

        foreach (var key in table.Keys.OfType<Type>().Where(t => BelongsTo(t, retired)).ToList())
        {
            table.Remove(key);
        }
    }

    /// <summary>Tells whether a type lives in a load context: declared there, or built from a type declared there (<c>Guest[]</c>, <c>List&lt;Guest&gt;</c>, <c>Mood?</c>).</summary>
    private static bool BelongsTo(Type type, AssemblyLoadContext context)
    {
        if (type.HasElementType)
        {
            return BelongsTo(type.GetElementType()!, context);
        }

        if (type.IsConstructedGenericType)
        {
            return BelongsTo(type.GetGenericTypeDefinition(), context) || type.GenericTypeArguments.Any(a => BelongsTo(a, context));
        }

        return !type.IsGenericParameter && AssemblyLoadContext.GetLoadContext(type.Assembly) == context;
    }

    private static void Invoke(MethodInfo? method, object?[] arguments)
    {
        try
        {
            method?.Invoke(null, arguments);
        }
        catch (TargetInvocationException)
        {
            // A cache that cannot be emptied only delays (or prevents) the unload, which the watcher reports.
        }
    }
}
