using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Flireo.Tools.Invocation;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.SourceGeneration;

/// <summary>What generated tool calls are built from: JSON contracts made of the converters the default options use, task unwrapping and tool instances.</summary>
/// <remarks>
/// A source generator cannot feed System.Text.Json's own, so the generated catalog builds each parameter's contract from
/// these methods with the converters reflection would pick under <c>FlireoToolsOptions.SerializerOptions</c>' defaults;
/// reading through them gives the same values, and the same errors, without reflection. Written by the generator, not by hand.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedToolSupport
{
    private static readonly JsonConverter<double> FiniteDouble = new FiniteNumberConverter<double>();
    private static readonly JsonConverter<float> FiniteSingle = new FiniteNumberConverter<float>();
    private static readonly JsonConverter<TimeOnly> TimeOfDay = new Invocation.TimeOnlyConverter();

    /// <summary>Gets the default options' <see cref="double"/> converter (finite numbers only).</summary>
    public static JsonConverter<double> DoubleConverter => FiniteDouble;

    /// <summary>Gets the default options' <see cref="float"/> converter (finite numbers only).</summary>
    public static JsonConverter<float> SingleConverter => FiniteSingle;

    /// <summary>Gets the default options' <see cref="TimeOnly"/> converter (also RFC 3339 full-time).</summary>
    public static JsonConverter<TimeOnly> TimeOnlyConverter => TimeOfDay;

    /// <summary>Creates the contract of a value read by one converter.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <param name="converter">The converter.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<T> Value<T>(JsonSerializerOptions options, JsonConverter<T> converter)
        => JsonMetadataServices.CreateValueInfo<T>(options, converter);

    /// <summary>Creates the contract of an enum read as the default options' string enum converter reads it.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<TEnum> Enum<TEnum>(JsonSerializerOptions options)
        where TEnum : struct, Enum
        => JsonMetadataServices.CreateValueInfo<TEnum>(options, new JsonStringEnumConverter<TEnum>().CreateConverter(typeof(TEnum), options)!);

    /// <summary>Creates the contract of a nullable value type.</summary>
    /// <typeparam name="T">The underlying type.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <param name="underlying">The underlying type's contract.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<T?> Nullable<T>(JsonSerializerOptions options, JsonTypeInfo<T> underlying)
        where T : struct
        => JsonMetadataServices.CreateValueInfo<T?>(options, JsonMetadataServices.GetNullableConverter(underlying));

    /// <summary>Creates the contract of an array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <param name="element">The element's contract.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<T[]> Array<T>(JsonSerializerOptions options, JsonTypeInfo<T> element)
        => JsonMetadataServices.CreateArrayInfo(options, new JsonCollectionInfoValues<T[]> { ElementInfo = element });

    /// <summary>Creates the contract of a <see cref="List{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <param name="element">The element's contract.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<List<T>> List<T>(JsonSerializerOptions options, JsonTypeInfo<T> element)
        => JsonMetadataServices.CreateListInfo<List<T>, T>(options, new JsonCollectionInfoValues<List<T>> { ObjectCreator = static () => [], ElementInfo = element });

    /// <summary>Creates the contract of an <see cref="IList{T}"/>, read as a <see cref="List{T}"/>.</summary>
    /// <typeparam name="TCollection">The collection interface.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <param name="element">The element's contract.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<TCollection> IList<TCollection, T>(JsonSerializerOptions options, JsonTypeInfo<T> element)
        where TCollection : IList<T>
        => JsonMetadataServices.CreateIListInfo<TCollection, T>(options, new JsonCollectionInfoValues<TCollection> { ElementInfo = element });

    /// <summary>Creates the contract of an <see cref="ICollection{T}"/>, read as a <see cref="List{T}"/>.</summary>
    /// <typeparam name="TCollection">The collection interface.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <param name="element">The element's contract.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<TCollection> ICollection<TCollection, T>(JsonSerializerOptions options, JsonTypeInfo<T> element)
        where TCollection : ICollection<T>
        => JsonMetadataServices.CreateICollectionInfo<TCollection, T>(options, new JsonCollectionInfoValues<TCollection> { ElementInfo = element });

    /// <summary>Creates the contract of an <see cref="IEnumerable{T}"/> or a read-only list interface, read as a <see cref="List{T}"/>.</summary>
    /// <typeparam name="TCollection">The collection interface.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="options">The binding options.</param>
    /// <param name="element">The element's contract.</param>
    /// <returns>The contract.</returns>
    public static JsonTypeInfo<TCollection> IEnumerable<TCollection, T>(JsonSerializerOptions options, JsonTypeInfo<T> element)
        where TCollection : IEnumerable<T>
        => JsonMetadataServices.CreateIEnumerableInfo<TCollection, T>(options, new JsonCollectionInfoValues<TCollection> { ElementInfo = element });

    /// <summary>Awaits a tool's task; its result is <see langword="null"/>.</summary>
    /// <param name="task">The task the tool returned.</param>
    /// <returns>The unwrapped result.</returns>
    public static async ValueTask<object?> Await(Task task)
    {
        // No null check: a tool that returns a null task fails as it does on the reflection path.
        await task.ConfigureAwait(false);
        return null;
    }

    /// <summary>Awaits a tool's task and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task the tool returned.</param>
    /// <returns>The unwrapped result.</returns>
    public static async ValueTask<object?> Await<T>(Task<T> task) => await task.ConfigureAwait(false);

    /// <summary>Awaits a tool's value task; its result is <see langword="null"/>.</summary>
    /// <param name="task">The task the tool returned.</param>
    /// <returns>The unwrapped result.</returns>
    public static async ValueTask<object?> Await(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    /// <summary>Awaits a tool's value task and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task the tool returned.</param>
    /// <returns>The unwrapped result.</returns>
    public static async ValueTask<object?> Await<T>(ValueTask<T> task) => await task.ConfigureAwait(false);

    /// <summary>Gets an instance tool's class from the call's services, or creates it with them.</summary>
    /// <typeparam name="T">The tool class.</typeparam>
    /// <param name="services">The call's services.</param>
    /// <returns>The instance the tool runs on.</returns>
    public static object Target<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceProvider services)
        where T : notnull
        => ActivatorUtilities.GetServiceOrCreateInstance<T>(services);
}
