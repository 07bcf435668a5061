namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>Marks a static method that produces what a page shows under <c>&lt;!-- output: name --&gt;</c> or <c>&lt;!-- generated: name --&gt;</c>.</summary>
/// <param name="name">The name the page's marker uses.</param>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DocOutputAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
