using System.Globalization;
using System.Text;

namespace Zmq.Bench.Runner;

/// <summary>
/// Draws throughput (msg/s, log scale) against message size (log scale) as a self-contained SVG:
/// one colour per implementation, solid for tcp and dashed for inproc. Hand-written SVG needs no
/// native graphics library, so the harness runs anywhere the SDK does.
/// </summary>
internal static class ThroughputPlot
{
    private const int Width = 920, Height = 500, Left = 90, Right = 310, Top = 50, Bottom = 60; // the legend's longest label fits right of the plot

    private static readonly Dictionary<string, string> Colours = new()
    {
        ["native-c"] = "#555555",
        ["native-c-system"] = "#9467bd",
        ["native-c-static"] = "#8c564b",
        ["zmq-binding"] = "#1f77b4",
        ["netmq"] = "#d62728",
        ["zmq-binding-async"] = "#2ca02c",
        ["netmq-async"] = "#ff7f0e",
    };

    public static string Render(List<CellResult> results, MachineInfo machine)
    {
        var points = results.Where(r => r.Cell.IsThroughput && r.Values.Count > 0).ToList();
        double minY = Math.Pow(10, Math.Floor(Math.Log10(points.Count == 0 ? 1000 : points.Min(p => p.Median))));
        double maxY = Math.Pow(10, Math.Ceiling(Math.Log10(points.Count == 0 ? 1e7 : points.Max(p => p.Median))));
        double minX = 1, maxX = 65536;
        double X(double size) => Left + ((Math.Log10(size) - Math.Log10(minX)) / (Math.Log10(maxX) - Math.Log10(minX)) * (Width - Left - Right));
        double Y(double value) => Height - Bottom - ((Math.Log10(value) - Math.Log10(minY)) / (Math.Log10(maxY) - Math.Log10(minY)) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">Throughput vs message size (median msg/s, log scales)</text>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"38\" text-anchor=\"middle\" font-size=\"10\" fill=\"#666\">{Escape(machine.ToString())}</text>");
        for (double y = minY; y <= maxY * 1.0001; y *= 10)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(y):F1}\" y2=\"{Y(y):F1}\" stroke=\"#ddd\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{y:N0}</text>");
        }
        foreach (int size in new[] { 1, 64, 1024, 65536 })
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{X(size):F1}\" x2=\"{X(size):F1}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{X(size):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{size} B</text>");
        }
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\">message size</text>");
        int legend = 0;
        foreach (var series in points.GroupBy(p => (p.Cell.Transport, p.Implementation.Key)))
        {
            string colour = Colours.GetValueOrDefault(series.Key.Key, "#000000"); // an implementation added without a colour still plots
            string dash = series.Key.Transport == "inproc" ? " stroke-dasharray=\"6 4\"" : string.Empty;
            string path = string.Join(" ", series.OrderBy(p => p.Cell.Size).Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Cell.Size):F1},{Y(p.Median):F1}")));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<polyline points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>");
            foreach (var p in series)
            {
                svg.AppendLine(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.Cell.Size):F1}\" cy=\"{Y(p.Median):F1}\" r=\"3.5\" fill=\"{colour}\"/>");
            }
            double ly = Top + 20 + (legend++ * 22);
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 15}\" x2=\"{Width - Right + 45}\" y1=\"{ly:F0}\" y2=\"{ly:F0}\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 52}\" y=\"{ly + 4:F0}\">{Escape(series.First().Implementation.Name)}, {series.Key.Transport}</text>");
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
