using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flireo.Tools.SourceGeneration;

/// <summary>How the generated catalog binds and calls one tool without reflection; written by the generator, not by hand.</summary>
/// <remarks>
/// The runtime uses it instead of compiled expressions and <c>JsonSerializer.Deserialize(element, Type, options)</c> when the
/// catalog is used (<see cref="FlireoToolsOptions.UseGeneratedToolCatalog"/>) and, for binding, when the serializer
/// options have the default converters (docs/native-aot.md).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedToolCall
{
    private readonly Func<JsonSerializerOptions, JsonTypeInfo?[]> _parameterTypes;

    /// <summary>Initializes a new instance of the <see cref="GeneratedToolCall"/> class.</summary>
    /// <param name="invoke">Calls the method directly with the bound arguments (in method order) and unwraps its task, if any.</param>
    /// <param name="createTarget">Gets the instance an instance tool runs on from the call's services, or <see langword="null"/> for a static tool.</param>
    /// <param name="parameterTypes">Creates, for the given options, the JSON contract of each parameter in method order
    /// (<see langword="null"/> for a parameter that is injected or whose type the generator does not map).</param>
    public GeneratedToolCall(
        Func<object?, object?[], ValueTask<object?>> invoke,
        Func<IServiceProvider, object>? createTarget,
        Func<JsonSerializerOptions, JsonTypeInfo?[]> parameterTypes)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        Invoke = invoke;
        CreateTarget = createTarget;
        _parameterTypes = parameterTypes;
    }

    /// <summary>Gets the direct call: the target (<see langword="null"/> for a static tool) and the arguments in method order.</summary>
    public Func<object?, object?[], ValueTask<object?>> Invoke { get; }

    /// <summary>Gets the factory of an instance tool's target, or <see langword="null"/> for a static tool.</summary>
    public Func<IServiceProvider, object>? CreateTarget { get; }

    /// <summary>Gets, for each method parameter in order, whether it accepts null as declared, or <see langword="null"/> when the catalog does not say.</summary>
    /// <remarks>
    /// A nullable value type, or a reference type annotated nullable or marked <c>[AllowNull]</c> (and not <c>[DisallowNull]</c>):
    /// what <see cref="System.Reflection.NullabilityInfoContext"/> reads from the parameter's metadata, written as code so the
    /// binder needs no nullability metadata.
    /// </remarks>
    public IReadOnlyList<bool>? AcceptsNull { get; init; }

    /// <summary>Gets, for each method parameter in order, its DataAnnotations validators as the source declares them, or <see langword="null"/> when the catalog does not say.</summary>
    /// <remarks>An entry is <see langword="null"/> when the generator could not write a validator of that parameter exactly; its attributes are then read by reflection.</remarks>
    public IReadOnlyList<ValidationAttribute[]?>? Validators { get; init; }

    /// <summary>Creates the JSON contract of each parameter for the given options.</summary>
    /// <param name="options">The options arguments are bound with.</param>
    /// <returns>One entry per method parameter, <see langword="null"/> where the generator wrote none.</returns>
    public JsonTypeInfo?[] CreateParameterTypes(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _parameterTypes(options);
    }
}
