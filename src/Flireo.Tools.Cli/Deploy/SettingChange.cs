namespace Flireo.Tools.Cli.Deploy;

/// <summary>Describes a change of an assistant setting outside the tool list.</summary>
/// <param name="Field">The field, such as <c>webhook_url</c>.</param>
/// <param name="Differences">What changes in it.</param>
internal sealed record SettingChange(string Field, IReadOnlyList<JsonDifference> Differences);
