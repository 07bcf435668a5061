using System.Globalization;

namespace Flireo.Tools.Dashboard;

/// <summary>Draws a tool's last hour as an inline SVG: one bar per minute (mean duration), red marks for minutes with timeouts.</summary>
internal static class Sparkline
{
    private const int Width = 180;
    private const int Height = 28;
    private const double BarWidth = (double)Width / ToolActivity.Minutes;

    public static void Write(HtmlWriter html, string toolName, ToolActivity.Bucket[] buckets, double slowest)
    {
        html.Raw("<svg class=\"spark\" role=\"img\" width=\"").Number(Width, "0").Raw("\" height=\"").Number(Height, "0").Raw("\" viewBox=\"0 0 ")
            .Number(Width, "0").Raw(" ").Number(Height, "0").Raw("\"><title>").Text(toolName).Raw(": last hour</title>")
            .Raw("<rect width=\"100%\" height=\"100%\" fill=\"#f1f3f7\"/>");
        for (var i = 0; i < buckets.Length; i++)
        {
            var bucket = buckets[i];
            var x = (i * BarWidth).ToString("0.##", CultureInfo.InvariantCulture);
            if (bucket.Calls > 0)
            {
                var mean = bucket.TotalSeconds / bucket.Calls;
                var height = slowest > 0 ? Math.Max(1, mean / slowest * (Height - 4)) : 1;
                html.Raw("<rect class=\"d\" x=\"").Raw(x).Raw("\" y=\"").Number(Height - height, "0.##").Raw("\" width=\"").Number(BarWidth - 0.5, "0.##")
                    .Raw("\" height=\"").Number(height, "0.##").Raw("\" fill=\"#2d5be3\"/>");
            }

            if (bucket.Timeouts > 0)
            {
                html.Raw("<rect class=\"t\" x=\"").Raw(x).Raw("\" y=\"0\" width=\"").Number(BarWidth - 0.5, "0.##").Raw("\" height=\"3\" fill=\"#d11a1a\"/>");
            }
        }

        html.Raw("</svg>");
    }
}
