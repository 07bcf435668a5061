namespace Flireo.Tools.Benchmarks.GeneratedTools;

/// <summary>Represents the answer of <c>lookup_contact</c>, shaped like the reference server's <c>ContactResult</c>.</summary>
/// <param name="Name">The contact's name.</param>
/// <param name="ContactId">The contact's id.</param>
/// <param name="Phone">The contact's phone number.</param>
/// <param name="Found">Whether the contact was found.</param>
public sealed record ContactAnswer(string Name, string ContactId, string Phone, bool Found);
