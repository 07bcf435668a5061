namespace Flireo.Tools.Benchmarks.GeneratedTools;

/// <summary>Holds <c>lookup_contact_nonblocking</c>: <see cref="GeneratedContactTools"/>'s tool marked <see cref="FlireoToolAttribute.NonBlocking"/>, which the router calls without the hop to the tool scheduler.</summary>
/// <remarks>Its own name, as tool names are unique in an assembly's catalog; the benchmark's webhooks name it instead of <c>lookup_contact</c>.</remarks>
public sealed class NonBlockingContactTools
{
    /// <summary>Looks up a contact; returns the same value as the reference's <c>Tools.LookupContact</c>.</summary>
    /// <param name="query">The name to look up.</param>
    /// <returns>The contact.</returns>
    [FlireoTool("lookup_contact_nonblocking", Description = "Looks up a contact by name.", NonBlocking = true)]
    public ContactAnswer LookupContact(string query) => new(query, "c_42", "+31612345678", true);
}
