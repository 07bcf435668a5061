using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Flireo.Tools.Dashboard;

/// <summary>Builds an HTML page: markup is written as given, every value goes through <see cref="HtmlEncoder"/>.</summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(8 * 1024);

    /// <summary>Writes markup as it is; only for literals of this assembly, never for data.</summary>
    public HtmlWriter Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Writes text or an attribute value, HTML-encoded.</summary>
    public HtmlWriter Text(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _html.Append(HtmlEncoder.Default.Encode(value));
        }

        return this;
    }

    /// <summary>Writes a number in the invariant culture.</summary>
    public HtmlWriter Number(double value, string format = "0.#")
    {
        _html.Append(value.ToString(format, CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Writes one table cell holding encoded text.</summary>
    public HtmlWriter Cell(string? value, string? cssClass = null)
    {
        Raw(cssClass is null ? "<td>" : "<td class=\"" + cssClass + "\">");
        return Text(value).Raw("</td>");
    }

    public override string ToString() => _html.ToString();
}
