using System.Globalization;
using System.Text;

namespace AiLiteracy.Server.Dashboard;

/// <summary>One bar or slice of a chart: an id (for tests and links), a label, a value and the text shown for it.</summary>
/// <param name="Id">A stable id of the item (directorate id, module id, quarter…), or empty.</param>
/// <param name="Label">The label.</param>
/// <param name="Value">The value drawn.</param>
/// <param name="Text">The value as shown (formatted, with its unit).</param>
/// <param name="Color">The fill colour (CSS colour with at least 3:1 contrast on white).</param>
/// <param name="Target">An optional target marker drawn across a bar (referent target).</param>
public sealed record ChartItem(string Id, string Label, decimal Value, string Text, string Color = ChartColors.Primary, decimal? Target = null);

/// <summary>Colours of the charts: each has at least 3:1 contrast against white (WCAG 2.1 non-text contrast) and 4.5:1 as text.</summary>
public static class ChartColors
{
    /// <summary>Blue (15.3:1).</summary>
    public const string Primary = "#000091";

    /// <summary>Green (5.4:1): cleared, covered.</summary>
    public const string Success = "#18753c";

    /// <summary>Mid blue (5.6:1): refresh due.</summary>
    public const string Info = "#0063cb";

    /// <summary>Orange-brown (5.3:1): charter to acknowledge.</summary>
    public const string Warning = "#b34000";

    /// <summary>Red (5.0:1): training incomplete, short of target.</summary>
    public const string Error = "#ce0500";

    /// <summary>Dark grey (11.6:1): axes, labels, target markers.</summary>
    public const string Ink = "#3a3a3a";

    /// <summary>Light grey track behind bars (decorative).</summary>
    public const string Track = "#eeeeee";
}

/// <summary>
/// Renders charts as inline SVG on the server: no script, no external resource. Each chart is an image with a title and
/// a description (<c>role="img"</c>, <c>aria-labelledby</c>); the page shows the same figures in a table next to it.
/// Bars and slices carry <c>data-id</c> and <c>data-value</c> attributes with the raw figures.
/// </summary>
public static class SvgCharts
{
    private const int Width = 360;

    /// <summary>Horizontal bars, one per item, the label (on up to two lines) above its bar, so that it stays readable on a phone.</summary>
    /// <param name="id">The chart's element id prefix.</param>
    /// <param name="title">The accessible title.</param>
    /// <param name="description">The accessible description (what the chart says, in one or two sentences).</param>
    /// <param name="items">The items.</param>
    /// <param name="max">The value of a full bar (1 for shares); the largest value or target when <see langword="null"/>.</param>
    /// <returns>The SVG markup.</returns>
    public static string HorizontalBars(string id, string title, string description, IReadOnlyList<ChartItem> items, decimal? max = null)
    {
        const int lineHeight = 17, barHeight = 16, gap = 14, valueWidth = 84, barMaxWidth = Width - valueWidth;
        var scale = max ?? Math.Max(1, items.Count == 0 ? 1 : items.Max(i => Math.Max(i.Value, i.Target ?? 0)));
        var layout = items.Select(i => Wrap(i.Label, 46)).ToList();
        var height = Math.Max(30, layout.Sum(lines => (lines.Count * lineHeight) + 4 + barHeight + gap));
        var svg = Start(id, title, description, Width, height);
        if (items.Count == 0)
        {
            svg.Append("<text x=\"0\" y=\"20\" class=\"chart-empty\">—</text>");
        }

        var y = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var lines = layout[i];
            var width = scale == 0 ? 0 : (double)(Math.Clamp(item.Value, 0, scale) / scale) * barMaxWidth;
            svg.Append("<g class=\"bar\" data-id=\"").Append(A(item.Id)).Append("\" data-value=\"").Append(Invariant(item.Value)).Append('"');
            if (item.Target is { } target)
            {
                svg.Append(" data-target=\"").Append(Invariant(target)).Append('"');
            }

            svg.Append('>');
            for (var line = 0; line < lines.Count; line++)
            {
                svg.Append("<text x=\"0\" y=\"").Append(y + ((line + 1) * lineHeight) - 4).Append("\" class=\"chart-label\">").Append(T(lines[line])).Append("</text>");
            }

            var barY = y + (lines.Count * lineHeight) + 4;
            svg.Append("<rect x=\"0\" y=\"").Append(barY).Append("\" width=\"").Append(barMaxWidth - 8).Append("\" height=\"").Append(barHeight).Append("\" fill=\"").Append(ChartColors.Track).Append("\"/>")
                .Append("<rect x=\"0\" y=\"").Append(barY).Append("\" width=\"").Append(D(width * (barMaxWidth - 8) / barMaxWidth)).Append("\" height=\"").Append(barHeight).Append("\" fill=\"").Append(A(item.Color)).Append("\"/>");
            if (item.Target is { } marker && scale > 0)
            {
                var x = (double)(Math.Clamp(marker, 0, scale) / scale) * (barMaxWidth - 8);
                svg.Append("<line x1=\"").Append(D(x)).Append("\" x2=\"").Append(D(x)).Append("\" y1=\"").Append(barY - 4).Append("\" y2=\"").Append(barY + barHeight + 4)
                    .Append("\" stroke=\"").Append(ChartColors.Ink).Append("\" stroke-width=\"3\"/>");
            }

            svg.Append("<text x=\"").Append(Width).Append("\" y=\"").Append(barY + 13).Append("\" text-anchor=\"end\" class=\"chart-value\">").Append(T(item.Text)).Append("</text></g>");
            y = barY + barHeight + gap;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Vertical bars (e.g. sessions per quarter), labels under the bars.</summary>
    /// <param name="id">The chart's element id prefix.</param>
    /// <param name="title">The accessible title.</param>
    /// <param name="description">The accessible description.</param>
    /// <param name="items">The items.</param>
    /// <returns>The SVG markup.</returns>
    public static string VerticalBars(string id, string title, string description, IReadOnlyList<ChartItem> items)
    {
        const int height = 240, top = 24, bottom = 40, plot = height - top - bottom;
        var max = items.Count == 0 ? 1 : Math.Max(1, items.Max(i => i.Value));
        var svg = Start(id, title, description, Width, height);
        svg.Append("<line x1=\"0\" x2=\"").Append(Width).Append("\" y1=\"").Append(top + plot).Append("\" y2=\"").Append(top + plot)
            .Append("\" stroke=\"").Append(ChartColors.Ink).Append("\" stroke-width=\"1\"/>");
        var slot = items.Count == 0 ? Width : (double)Width / items.Count;
        var barWidth = Math.Min(56, slot * 0.6);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var barHeight = (double)(item.Value / max) * plot;
            var x = (i * slot) + ((slot - barWidth) / 2);
            var center = (i * slot) + (slot / 2);
            svg.Append("<g class=\"bar\" data-id=\"").Append(A(item.Id)).Append("\" data-value=\"").Append(Invariant(item.Value)).Append("\">")
                .Append("<rect x=\"").Append(D(x)).Append("\" y=\"").Append(D(top + plot - barHeight)).Append("\" width=\"").Append(D(barWidth)).Append("\" height=\"").Append(D(barHeight))
                .Append("\" fill=\"").Append(A(item.Color)).Append("\"/>")
                .Append("<text x=\"").Append(D(center)).Append("\" y=\"").Append(D(top + plot - barHeight - 6)).Append("\" text-anchor=\"middle\" class=\"chart-value\">").Append(T(item.Text)).Append("</text>")
                .Append("<text x=\"").Append(D(center)).Append("\" y=\"").Append(top + plot + 22).Append("\" text-anchor=\"middle\" class=\"chart-label\">").Append(T(item.Label)).Append("</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A donut: one slice per item, the total in the middle. Empty items draw no slice.</summary>
    /// <param name="id">The chart's element id prefix.</param>
    /// <param name="title">The accessible title.</param>
    /// <param name="description">The accessible description.</param>
    /// <param name="items">The slices.</param>
    /// <param name="centerText">The text in the middle (the total).</param>
    /// <param name="centerLabel">The small text under it.</param>
    /// <returns>The SVG markup.</returns>
    public static string Donut(string id, string title, string description, IReadOnlyList<ChartItem> items, string centerText, string centerLabel)
    {
        const int size = 220, radius = 80, stroke = 34;
        const double circumference = 2 * Math.PI * radius;
        var total = items.Sum(i => i.Value);
        var svg = Start(id, title, description, size, size, "chart chart-donut");
        svg.Append("<circle cx=\"110\" cy=\"110\" r=\"").Append(radius).Append("\" fill=\"none\" stroke=\"").Append(ChartColors.Track).Append("\" stroke-width=\"").Append(stroke).Append("\"/>");
        double offset = 0;
        foreach (var item in items)
        {
            var length = total == 0 ? 0 : (double)(item.Value / total) * circumference;
            svg.Append("<circle class=\"slice\" data-id=\"").Append(A(item.Id)).Append("\" data-value=\"").Append(Invariant(item.Value))
                .Append("\" cx=\"110\" cy=\"110\" r=\"").Append(radius).Append("\" fill=\"none\" stroke=\"").Append(A(item.Color)).Append("\" stroke-width=\"").Append(stroke)
                .Append("\" stroke-dasharray=\"").Append(D(Math.Max(0, length - (length > 2 ? 1.5 : 0)))).Append(' ').Append(D(circumference))
                .Append("\" stroke-dashoffset=\"").Append(D(-offset)).Append("\" transform=\"rotate(-90 110 110)\"/>");
            offset += length;
        }

        svg.Append("<text x=\"110\" y=\"108\" text-anchor=\"middle\" class=\"donut-total\">").Append(T(centerText)).Append("</text>")
            .Append("<text x=\"110\" y=\"132\" text-anchor=\"middle\" class=\"chart-label\">").Append(T(centerLabel)).Append("</text>");
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Start(string id, string title, string description, int width, int height, string cssClass = "chart")
    {
        var svg = new StringBuilder(4096);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(cssClass).Append("\" id=\"").Append(A(id)).Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
            .Append("\" role=\"img\" aria-labelledby=\"").Append(A(id)).Append("-title ").Append(A(id)).Append("-desc\" preserveAspectRatio=\"xMinYMin meet\">")
            .Append("<title id=\"").Append(A(id)).Append("-title\">").Append(T(title)).Append("</title>")
            .Append("<desc id=\"").Append(A(id)).Append("-desc\">").Append(T(description)).Append("</desc>");
        return svg;
    }

    /// <summary>Splits a label into at most two lines of about <paramref name="width"/> characters, at spaces; the rest is cut with an ellipsis.</summary>
    private static List<string> Wrap(string text, int width)
    {
        if (text.Length <= width)
        {
            return [text];
        }

        var cut = text.LastIndexOf(' ', width);
        if (cut <= 0)
        {
            cut = width;
        }

        var first = text[..cut].TrimEnd();
        var rest = text[cut..].Trim();
        return [first, rest.Length <= width ? rest : rest[..(width - 1)].TrimEnd() + "…"];
    }

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string T(string text) => Html.Encode(text);

    private static string A(string text) => Html.Encode(text);
}
