namespace Flireo.Tools.Benchmarks.GeneratedTools;

/// <summary>Holds <c>lookup_contact</c> in an assembly compiled with the source generator, so the tool is in its generated catalog.</summary>
/// <remarks>
/// The same tool as the plugin's <c>ContactTools</c> (which the self-hosted server loads, compiled without the generator):
/// an instance method answering the value of the bare-Kestrel reference's <c>Tools.LookupContact</c>.
/// </remarks>
public sealed class GeneratedContactTools
{
    /// <summary>Looks up a contact; returns the same value as the reference's <c>Tools.LookupContact</c>.</summary>
    /// <param name="query">The name to look up.</param>
    /// <returns>The contact.</returns>
    [FlireoTool("lookup_contact", Description = "Looks up a contact by name.")]
    public ContactAnswer LookupContact(string query) => new(query, "c_42", "+31612345678", true);
}
