namespace Flireo.Tools.Benchmarks.Plugin;

/// <summary>Holds <c>lookup_contact</c>, the tool the bare-Kestrel reference server calls by hand.</summary>
public sealed class ContactTools
{
    /// <summary>Looks up a contact; returns the same value as the reference's <c>Tools.LookupContact</c>.</summary>
    /// <param name="query">The name to look up.</param>
    /// <returns>The contact.</returns>
    [FlireoTool("lookup_contact", Description = "Looks up a contact by name.")]
    public ContactResult LookupContact(string query) => new(query, "c_42", "+31612345678", true);
}
