using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Reads the XML documentation the build writes next to an assembly, as Markdown text.</summary>
internal static partial class XmlDocs
{
    private static readonly Dictionary<Assembly, XDocument> Files = [];

    /// <summary>Gets the summary of a property or field as one line of Markdown.</summary>
    public static string Summary(MemberInfo member)
    {
        var document = Load(member.DeclaringType!.Assembly);
        var kind = member is FieldInfo ? "F" : "P";
        var id = $"{kind}:{member.DeclaringType!.FullName}.{member.Name}";
        var element = document.Descendants("member").SingleOrDefault(m => (string?)m.Attribute("name") == id)
            ?? throw new InvalidOperationException($"{id} has no XML documentation.");
        return ToMarkdown(element.Element("summary")!);
    }

    private static XDocument Load(Assembly assembly)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(assembly, out var document))
            {
                var path = Path.ChangeExtension(assembly.Location, ".xml");
                Files[assembly] = document = XDocument.Load(path);
            }

            return document;
        }
    }

    private static string ToMarkdown(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
                XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word => $"`{word.Value}`",
                XElement { Name.LocalName: "see" } see when see.Attribute("cref") is { } cref => $"`{cref.Value[(cref.Value.LastIndexOf('.') + 1)..]}`",
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{reference.Attribute("name")!.Value}`",
                XElement other => ToMarkdown(other),
                _ => string.Empty,
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
