namespace Flireo.TestPlugins.Greetings;

/// <summary>A number in words and which Humanizer produced it.</summary>
public sealed record WordsResult(string Words, string HumanizerVersion, string? LoadContext);
