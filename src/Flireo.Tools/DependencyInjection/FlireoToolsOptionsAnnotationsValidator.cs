using Microsoft.Extensions.Options;

namespace Flireo.Tools.DependencyInjection;

/// <summary>Checks the DataAnnotations on <see cref="FlireoToolsOptions"/> with code written at compile time, so no reflection runs (docs/native-aot.md).</summary>
[OptionsValidator]
internal sealed partial class FlireoToolsOptionsAnnotationsValidator : IValidateOptions<FlireoToolsOptions>;
