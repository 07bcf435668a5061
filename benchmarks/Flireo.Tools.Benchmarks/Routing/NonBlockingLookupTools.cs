using Flireo.Tools.Benchmarks.Plugin;

namespace Flireo.Tools.Benchmarks.Routing;

/// <summary>The plugin's <c>lookup_contact</c> marked <see cref="FlireoToolAttribute.NonBlocking"/>, for the router rung without the hop; registered on its own (it has the same tool name).</summary>
public sealed class NonBlockingLookupTools
{
    /// <summary>Looks up a contact; returns the same value as the reference's <c>Tools.LookupContact</c>.</summary>
    /// <param name="query">The name to look up.</param>
    /// <returns>The contact.</returns>
    [FlireoTool("lookup_contact", Description = "Looks up a contact by name.", NonBlocking = true)]
    public ContactResult LookupContact(string query) => new(query, "c_42", "+31612345678", true);
}
