namespace Flireo.TestPlugins.Journal;

/// <summary>Where the journal tools write and which file releases them; from the host's <c>Journal</c> configuration section.</summary>
/// <param name="File">The journal: one line per completed record_call, holding its tool call id.</param>
/// <param name="Gate">record_call waits until this file exists.</param>
public sealed record JournalSettings(string File, string Gate);
