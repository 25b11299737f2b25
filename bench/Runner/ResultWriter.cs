using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Zmq.Bench.Runner;

/// <summary>Writes latest.json (one record per transport/size/metric/implementation), latest.md
/// (ratios) and throughput.svg (throughput against message size, one line per implementation).</summary>
internal static class ResultWriter
{
    public static void Write(RunnerOptions options, List<CellResult> results, List<DraftResult> draft)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var machine = MachineInfo.Read();
        string suffix = options.Malloc.FileSuffix; // a --default-malloc run keeps the published results
        if (options.NativeOnly || options.AsyncOnly)
        {
            // Their own files: a partial run must not overwrite the full matrix's.
            string name = options.NativeOnly ? "libzmq" : "async";
            string partialJson = Path.Combine(options.OutputDirectory, name + suffix + ".json");
            string partialMarkdown = Path.Combine(options.OutputDirectory, name + suffix + ".md");
            string partialTable = options.NativeOnly ? ToMarkdown(options, machine, results) : AsyncMarkdown(options, machine, results);
            File.WriteAllText(partialJson, ToJson(options, machine, results));
            File.WriteAllText(partialMarkdown, partialTable);
            Console.WriteLine();
            Console.WriteLine(partialTable);
            Console.WriteLine($"wrote {partialJson}, {partialMarkdown}");
            return;
        }
        string draftMarkdown = Path.Combine(options.OutputDirectory, $"draft{suffix}.md");
        string draftTable = DraftMarkdown(options, machine, draft);
        File.WriteAllText(draftMarkdown, draftTable);
        if (options.DraftOnly)
        {
            Console.WriteLine();
            Console.WriteLine(draftTable);
            Console.WriteLine($"wrote {draftMarkdown}");
            return;
        }
        string json = Path.Combine(options.OutputDirectory, $"latest{suffix}.json");
        string markdown = Path.Combine(options.OutputDirectory, $"latest{suffix}.md");
        string svg = Path.Combine(options.OutputDirectory, $"throughput{suffix}.svg");
        File.WriteAllText(json, ToJson(options, machine, results));
        string table = ToMarkdown(options, machine, results);
        File.WriteAllText(markdown, table);
        File.WriteAllText(svg, ThroughputPlot.Render(results, machine));
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine(draftTable);
        Console.WriteLine($"wrote {json}, {markdown}, {draftMarkdown}, {svg}");
    }

    /// <summary>The draft programs: each with its median [min–max] and B/msg, and the two comparisons the issue asks for.</summary>
    private static string DraftMarkdown(RunnerOptions options, MachineInfo machine, List<DraftResult> draft)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Draft API, this binding only (tcp loopback, both ends in one process). Machine: {machine}. Mode: {(options.Quick ? "quick" : "full")}, medians of {options.Repetitions} interleaved runs; [min–max]. {options.Malloc.Description}");
        text.AppendLine();
        text.AppendLine("| program | size B | metric | median [min–max] | B/msg |");
        text.AppendLine("|---|---:|---|---:|---:|");
        foreach (var r in draft)
        {
            string value = r.Values.Count == 0 ? "failed"
                : r.IsThroughput
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.Median:N0} [{Short(r.Values.Min())}–{Short(r.Values.Max())}]")
                    : string.Create(CultureInfo.InvariantCulture, $"{r.Median:F1} [{r.Values.Min():F1}–{r.Values.Max():F1}]");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Program} | {r.Size} | {(r.IsThroughput ? "throughput msg/s" : "latency µs")} | {value} | {Statistics.Median(r.AllocatedPerMessage):F2} |");
        }
        text.AppendLine();
        foreach (int size in draft.Select(r => r.Size).Distinct())
        {
            double Of(string program) => draft.Single(r => r.Program == program && r.Size == size).Median;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {size} B: CLIENT/SERVER ÷ DEALER/ROUTER throughput {Ratio(Of("clientserver_thr"), Of("dealerrouter_thr"))}, latency {Ratio(Of("clientserver_lat"), Of("dealerrouter_lat"))}; one CLIENT shared by 2 threads ÷ a CLIENT per thread {Ratio(Of("shared_thr"), Of("per_thread_thr"))}.");
        }
        return text.ToString();
    }

    private static string ToJson(RunnerOptions options, MachineInfo machine, List<CellResult> results)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("date", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("mode", options.Quick ? "quick" : "full");
            writer.WriteNumber("repetitions", options.Repetitions);
            writer.WriteString("machine", machine.ToString());
            writer.WriteString("glibcTunables", options.Malloc.Effective ?? string.Empty);
            writer.WriteString("malloc", options.Malloc.Description);
            writer.WriteStartArray("results");
            foreach (var r in results)
            {
                writer.WriteStartObject();
                writer.WriteString("transport", r.Cell.Transport);
                writer.WriteNumber("size", r.Cell.Size);
                writer.WriteString("metric", r.Cell.Metric);
                writer.WriteString("unit", r.Cell.IsThroughput ? "msg/s" : "us");
                writer.WriteString("implementation", r.Implementation.Key);
                writer.WriteString("library", r.Implementation.Library);
                WriteNumber(writer, "median", r.Median);
                WriteNumber(writer, "min", r.Min);
                WriteNumber(writer, "max", r.Max);
                WriteNumber(writer, "allocatedBytesPerMessage", Statistics.Median(r.AllocatedPerMessage));
                writer.WriteNumber("runs", r.Values.Count);
                writer.WriteNumber("failures", r.Failures);
                writer.WriteNumber("lostMessages", r.LostMessages);
                writer.WriteNumber("runsWithLoss", r.RunsWithLoss);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteNumber(name, Math.Round(value, 3));
        }
    }

    private static string ToMarkdown(RunnerOptions options, MachineInfo machine, List<CellResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Mode: {(options.Quick ? "quick" : "full")}, medians of {options.Repetitions} interleaved runs; [min–max]. inproc programs pinned to one CPU (taskset -c 0); tcp: local program on CPU 0, remote on CPU 1. {options.Malloc.Description}");
        text.AppendLine();
        if (results.Any(r => r.Implementation.Key == "native-c-system"))
        {
            AppendLibraryTable(text, results);
            if (options.NativeOnly)
            {
                return text.ToString();
            }
            text.AppendLine();
            text.AppendLine("The binding against C on the same library (the bundled build):");
            text.AppendLine();
        }
        AppendTable(text, results, "native-c", "zmq-binding", "netmq",
            "| transport | size B | metric | native C | this binding | NetMQ | binding ÷ C | binding ÷ NetMQ | B/msg binding | B/msg NetMQ |");
        text.AppendLine();
        text.AppendLine("Async/await: the same programs with every send and receive awaited (this binding's SendAsync/ReceiveAsync; NetMQ's ReceiveFrameBytesAsync in a NetMQRuntime, its sends synchronous, as NetMQ 4 has no async send). The binding's async programs send and receive through reused buffers (zmq_send/zmq_recv: one copy each way), the sync ones through messages as libzmq's perf tools do (zmq_msg_init_size/zmq_msg_send/zmq_msg_recv), so async ÷ sync compares the two APIs as a user would call them, not the same native calls.");
        text.AppendLine();
        AppendTable(text, results, "zmq-binding", "zmq-binding-async", "netmq-async",
            "| transport | size B | metric | binding sync | binding async | NetMQ async | async ÷ sync | async ÷ NetMQ async | B/msg binding async | B/msg NetMQ async |");
        var losses = results.Where(r => r.RunsWithLoss > 0).ToList();
        foreach (var r in losses)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Implementation.Name}, {r.Cell.Transport} {r.Cell.Size} B: {r.RunsWithLoss} of {r.Values.Count} runs lost the tail of the stream ({r.LostMessages} messages in all); its throughput there counts only what arrived.");
        }
        text.AppendLine();
        text.AppendLine("Throughput ratios above 1 and latency ratios below 1 favour this binding. Targets: throughput ≥ 0.95 × C at 64 B, ≥ 0.9 × elsewhere; latency ≤ 1.05 × C; ≥ 5 × NetMQ's small-message tcp throughput; 0 B/msg.");
        return text.ToString();
    }

    /// <summary>The async engine's cost: the binding's sync programs against its async ones, with and without inline completions.</summary>
    private static string AsyncMarkdown(RunnerOptions options, MachineInfo machine, List<CellResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"The async engine against the blocking calls, this binding only. Machine: {machine}. Mode: {(options.Quick ? "quick" : "full")}, medians of {options.Repetitions} interleaved runs; [min–max]. inproc programs pinned to one CPU (taskset -c 0); tcp: local program on CPU 0, remote on CPU 1. {options.Malloc.Description} Async programs: every send and receive awaited, through reused buffers (one copy each way); sync (messages): libzmq's perf-tool calls; sync (buffers): blocking Send(span)/Receive(span), the async programs' calls, so async ÷ sync buffers is the engine's own cost. Inline = ZMQ_ASYNC_INLINE_COMPLETIONS=1 (continuations on the reactor thread). Speed ratio: throughput ÷ throughput, latency µs ÷ µs.");
        text.AppendLine();
        text.AppendLine("| transport | size B | metric | sync (messages) | sync (buffers) | async | async inline | async ÷ sync buffers | inline ÷ sync buffers | async ÷ sync messages | B/msg async | B/msg inline |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Cell))
        {
            var sync = group.Single(r => r.Implementation.Key == "zmq-binding");
            var buffers = group.Single(r => r.Implementation.Key == "zmq-binding-buffers");
            var plain = group.Single(r => r.Implementation.Key == "zmq-binding-async");
            var inline = group.Single(r => r.Implementation.Key == "zmq-binding-async-inline");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Transport} | {group.Key.Size} | {(group.Key.IsThroughput ? "throughput msg/s" : "latency µs")} | {Format(sync, group.Key)} | {Format(buffers, group.Key)} | {Format(plain, group.Key)} | {Format(inline, group.Key)} | {Ratio(plain.Median, buffers.Median)} | {Ratio(inline.Median, buffers.Median)} | {Ratio(plain.Median, sync.Median)} | {Statistics.Median(plain.AllocatedPerMessage):F2} | {Statistics.Median(inline.AllocatedPerMessage):F2} |");
        }
        return text.ToString();
    }

    /// <summary>
    /// Which libzmq: the same C programs on the bundled build and on the OS's libzmq5, so the runtime we
    /// ship is measured against the distribution's apart from the binding. Speed ratio above 1 means
    /// the bundled build is faster (throughput ÷ throughput; for latency, the OS's µs ÷ the bundled µs),
    /// with the spread of the ratios paired within each repetition.
    /// </summary>
    private static void AppendLibraryTable(StringBuilder text, List<CellResult> results)
    {
        // The C programs on each library this run measured; each other one against the OS's.
        (string Key, string Name)[] libraries = [("native-c", "bundled"), ("native-c-system", "OS libzmq5"), ("native-c-static", "bundled libzmq.a")];
        var present = libraries.Where(library => results.Any(r => r.Implementation.Key == library.Key)).ToList();
        var compared = present.Where(library => library.Key != "native-c-system").ToList();
        text.AppendLine($"Which libzmq: the same C programs on {string.Join(", ", present.Select(library => library.Name))}, interleaved. Speed ratio above 1 = faster than the OS's libzmq5; [min–max] of the per-repetition ratios.");
        text.AppendLine();
        text.AppendLine($"| transport | size B | metric | {string.Join(" | ", present.Select(library => "native C, " + library.Name))} | {string.Join(" | ", compared.Select(library => library.Name + " ÷ OS (speed)"))} |");
        text.AppendLine("|---|---:|---|" + string.Concat(Enumerable.Repeat("---:|", present.Count + compared.Count)));
        foreach (var group in results.GroupBy(r => r.Cell))
        {
            CellResult Of(string key) => group.Single(r => r.Implementation.Key == key);
            CellResult system = Of("native-c-system");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Transport} | {group.Key.Size} | {(group.Key.IsThroughput ? "throughput msg/s" : "latency µs")} | {string.Join(" | ", present.Select(library => Format(Of(library.Key), group.Key)))} | {string.Join(" | ", compared.Select(library => SpeedRatio(Of(library.Key), system, group.Key)))} |");
        }
    }

    /// <summary>Speed of <paramref name="a"/> over <paramref name="b"/>: the ratio of the medians and the
    /// range of the ratios of runs in the same repetition (a failed run leaves its pair out).</summary>
    private static string SpeedRatio(CellResult a, CellResult b, BenchCell cell)
    {
        if (a.Values.Count == 0 || b.Values.Count == 0 || a.Failures > 0 || b.Failures > 0)
        {
            return "–";
        }
        double Speed(double x, double y) => cell.IsThroughput ? x / y : y / x;
        var paired = a.Values.Zip(b.Values, Speed).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Speed(a.Median, b.Median):F2} [{paired.Min():F2}–{paired.Max():F2}]");
    }

    /// <summary>One row per cell: a reference, ours and another implementation, with our ratios to both.</summary>
    private static void AppendTable(StringBuilder text, List<CellResult> results, string reference, string ours, string other, string header)
    {
        text.AppendLine(header);
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Cell))
        {
            var first = group.Single(r => r.Implementation.Key == reference);
            var mine = group.Single(r => r.Implementation.Key == ours);
            var theirs = group.Single(r => r.Implementation.Key == other);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Transport} | {group.Key.Size} | {(group.Key.IsThroughput ? "throughput msg/s" : "latency µs")} | {Format(first, group.Key)} | {Format(mine, group.Key)} | {Format(theirs, group.Key)} | {Ratio(mine.Median, first.Median)} | {Ratio(mine.Median, theirs.Median)} | {Statistics.Median(mine.AllocatedPerMessage):F2} | {Statistics.Median(theirs.AllocatedPerMessage):F1} |");
        }
    }

    private static string Format(CellResult r, BenchCell cell)
    {
        if (r.Values.Count == 0)
        {
            return "failed";
        }
        return cell.IsThroughput
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Median:N0} [{Short(r.Min)}–{Short(r.Max)}]")
            : string.Create(CultureInfo.InvariantCulture, $"{r.Median:F1} [{r.Min:F1}–{r.Max:F1}]");
    }

    private static string Short(double value) => value >= 1e6
        ? string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:F2}M")
        : string.Create(CultureInfo.InvariantCulture, $"{value / 1e3:F0}k");

    private static string Ratio(double a, double b) =>
        double.IsNaN(a) || double.IsNaN(b) || b == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{a / b:F2}×");
}
