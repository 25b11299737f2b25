using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Zmq.Bench.Runner;

/// <summary>One cell of the matrix: transport, message size and metric.</summary>
internal sealed record BenchCell(string Transport, int Size, string Metric)
{
    public bool IsThroughput => Metric == "throughput";
}

/// <summary>Every repetition's value for one cell and implementation.</summary>
internal sealed record CellResult(BenchCell Cell, Implementation Implementation, List<double> Values, List<double> AllocatedPerMessage, int Failures)
{
    /// <summary>Messages that never arrived, over all runs (NetMQ drops the tail of a stream at close).</summary>
    public long LostMessages { get; set; }

    /// <summary>Runs that lost messages.</summary>
    public int RunsWithLoss { get; set; }

    public double Median => Statistics.Median(Values);

    public double Min => Values.Count == 0 ? double.NaN : Values.Min();

    public double Max => Values.Count == 0 ? double.NaN : Values.Max();
}

/// <summary>Runs every cell for every implementation, interleaved within each repetition.</summary>
internal sealed partial class BenchMatrix(RunnerOptions options)
{
    private static readonly int[] Sizes = [1, 64, 1024, 65536];
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    public List<CellResult> Run()
    {
        var implementations = Implementation.All(options);
        var cells = (from transport in new[] { "tcp", "inproc" }
                     from metric in new[] { "throughput", "latency" }
                     from size in Sizes
                     select new BenchCell(transport, size, metric)).ToList();
        var results = cells.SelectMany(c => implementations.Select(i => new CellResult(c, i, [], [], 0))).ToList();
        var clock = Stopwatch.StartNew();
        for (int repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            foreach (var cell in cells)
            {
                foreach (var implementation in implementations)
                {
                    int index = results.FindIndex(r => r.Cell == cell && r.Implementation == implementation);
                    var (value, allocated, lost, error) = Measure(cell, implementation);
                    if (error is null)
                    {
                        results[index].Values.Add(value);
                        results[index].AllocatedPerMessage.Add(allocated);
                        if (lost > 0)
                        {
                            results[index].LostMessages += lost;
                            results[index].RunsWithLoss++;
                        }
                    }
                    else
                    {
                        results[index] = results[index] with { Failures = results[index].Failures + 1 };
                        Console.Error.WriteLine($"  {implementation.Name} {cell}: {error}");
                    }
                    string shown = error is not null ? "failed"
                        : cell.IsThroughput ? $"{value:N0} msg/s" : $"{value:F1} us";
                    if (lost > 0)
                    {
                        shown += $", LOST {lost} messages";
                    }
                    Console.WriteLine(FormattableString.Invariant($"[{clock.Elapsed:mm\\:ss}] rep {repetition}/{options.Repetitions} {cell.Transport,-6} {cell.Size,6} B {cell.Metric,-10} {implementation.Name,-14} {shown} ({allocated:F1} B/msg)"));
                }
            }
        }
        return results;
    }

    /// <summary>
    /// Frames per throughput run (full mode): long enough to time the steady state. A stream of
    /// well under a tenth of a second timed the thread pool's start too (an awaited inproc 1 KiB
    /// stream of 300,000 frames ran at either 5.3 M or 6.9 M msg/s from one run to the next; of
    /// 2,000,000, 7.0-7.4 M).
    /// </summary>
    internal static long ThroughputCount(long size) => size <= 64 ? 4_000_000 : size <= 1024 ? 1_200_000 : 40_000;

    private long Count(BenchCell cell)
    {
        if (cell.IsThroughput)
        {
            long full = ThroughputCount(cell.Size);
            return options.Quick ? full / 5 : full;
        }
        long roundtrips = cell.Size >= 65536 ? 5_000 : 10_000;
        return options.Quick ? roundtrips / 5 : roundtrips;
    }

    private (double Value, double Allocated, long Lost, string? Error) Measure(BenchCell cell, Implementation implementation)
    {
        string size = cell.Size.ToString(CultureInfo.InvariantCulture);
        string count = Count(cell).ToString(CultureInfo.InvariantCulture);
        string output;
        if (cell.Transport == "inproc")
        {
            var run = RunToEnd(PinToCpu(implementation.Start(cell.IsThroughput ? "inproc_thr" : "inproc_lat", [size, count]), 0));
            if (run.Error is not null)
            {
                return (double.NaN, double.NaN, 0, run.Error);
            }
            output = run.Output;
        }
        else
        {
            // The measuring side is the receiver for throughput, the requester for latency. The
            // connecting side may start before the bind: libzmq reconnects, and neither clock
            // starts before the first message. Pinned like inproc, one program per CPU (see PinToCpu).
            string endpoint = $"tcp://127.0.0.1:{FreePort()}";
            string local = cell.IsThroughput ? "local_thr" : "local_lat";
            string remote = cell.IsThroughput ? "remote_thr" : "remote_lat";
            using var server = Process.Start(PinToCpu(implementation.Start(local, [endpoint, size, count]), 0))!;
            var serverOutput = server.StandardOutput.ReadToEndAsync();
            var serverErrors = server.StandardError.ReadToEndAsync();
            var client = RunToEnd(PinToCpu(implementation.Start(remote, [endpoint, size, count]), 1));
            bool serverDone = server.WaitForExit(RunLimit);
            if (!serverDone)
            {
                server.Kill(entireProcessTree: true);
            }
            server.WaitForExit();
            if (client.Error is not null)
            {
                return (double.NaN, double.NaN, 0, client.Error);
            }
            if (!serverDone || server.ExitCode != 0)
            {
                return (double.NaN, double.NaN, 0, $"{local} exit {(serverDone ? server.ExitCode : "timeout")}: {serverErrors.Result.Trim()}");
            }
            output = cell.IsThroughput ? serverOutput.Result : client.Output;
        }
        return Parse(output, cell);
    }

    internal static (double Value, double Allocated, long Lost, string? Error) Parse(string output, BenchCell cell)
    {
        var value = (cell.IsThroughput ? ThroughputLine() : LatencyLine()).Match(output);
        var allocated = AllocatedLine().Match(output);
        if (!value.Success || !allocated.Success)
        {
            return (double.NaN, double.NaN, 0, $"unexpected output: {output.Trim()}");
        }
        var lost = LostLine().Match(output);
        return (double.Parse(value.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(allocated.Groups[1].Value, CultureInfo.InvariantCulture),
                lost.Success ? long.Parse(lost.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                null);
    }

    internal static (string Output, string? Error) RunToEnd(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (output.Result, $"{start.FileName} timed out after {RunLimit.TotalSeconds} s");
        }
        process.WaitForExit();
        return process.ExitCode == 0 ? (output.Result, null) : (output.Result, $"exit {process.ExitCode}: {errors.Result.Trim()}");
    }

    /// <summary>
    /// Runs a program with all its threads on one CPU (taskset), for every implementation alike:
    /// an inproc program on CPU 0; over tcp, the local program (receiver, or echo side) on CPU 0 and
    /// the remote one on CPU 1. Unpinned, on two cores, inproc throughput swings 2× with where the
    /// scheduler puts the two threads (measured: C 255k–527k msg/s at 64 KiB between identical runs),
    /// and tcp cells swung 20 % between rounds with where it put the four threads of two processes
    /// (bench/native/compare-libzmq.py says how that was found): that would measure the scheduler
    /// rather than the code.
    /// </summary>
    private static ProcessStartInfo PinToCpu(ProcessStartInfo start, int cpu)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/taskset") || cpu >= Environment.ProcessorCount)
        {
            return start;
        }
        var pinned = new ProcessStartInfo("/usr/bin/taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        pinned.ArgumentList.Add("-c");
        pinned.ArgumentList.Add(cpu.ToString(CultureInfo.InvariantCulture));
        pinned.ArgumentList.Add(start.FileName);
        foreach (string arg in start.ArgumentList)
        {
            pinned.ArgumentList.Add(arg);
        }
        // The program's own environment too (ZMQ_ASYNC_INLINE_COMPLETIONS): without it the pinned
        // inproc rows of the inline mode measured the default mode.
        foreach ((string name, string? value) in start.Environment)
        {
            pinned.Environment[name] = value;
        }
        return pinned;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"mean throughput: ([0-9.]+) \[msg/s\]")]
    private static partial Regex ThroughputLine();

    [GeneratedRegex(@"average latency: ([0-9.]+) \[us\]")]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"^lost: ([0-9]+) ", RegexOptions.Multiline)]
    private static partial Regex LostLine();

    [GeneratedRegex(@"allocated: ([0-9.]+) \[B/msg\]")]
    private static partial Regex AllocatedLine();
}
