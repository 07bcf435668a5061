namespace Flireo.TestPlugins.Numbers;

/// <summary>A number in words and which Humanizer produced it.</summary>
public sealed record NumberWords(string Words, string HumanizerVersion, string? LoadContext);
