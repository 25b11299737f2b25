using System.Globalization;

namespace Zmq.Bench;

/// <summary>
/// Arguments, timing and output shared by the managed perf programs, so the binding's and NetMQ's
/// print exactly what libzmq's perf tools (and the native C baseline here) print, plus the
/// managed bytes allocated per message.
/// </summary>
internal static class PerfReport
{
    /// <summary>Untimed round trips before a latency measurement (connection set-up and JIT excluded).</summary>
    public const int LatencyWarmup = 1000;

    /// <summary>
    /// How long NetMQ's throughput receiver waits for the next message before it calls the rest lost.
    /// NetMQ drops the end of a PUSH stream at close (see shared/perf-reference.md); without this
    /// its receiver would wait forever. Throughput is then over what arrived, and the loss is printed.
    /// </summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(5);

    public const string Usage =
        "usage: <local_thr|remote_thr|local_lat|remote_lat> <endpoint> <message-size> <count>\n" +
        "       <inproc_thr|inproc_lat> <message-size> <count>\n" +
        "       either form after --async: the same program on the library's async API";

    public static long Positive(string text, string name)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0)
        {
            throw new ArgumentException($"{name} must be a positive number, got '{text}'");
        }
        return value;
    }

    /// <summary>Total managed bytes allocated so far by every thread of the process.</summary>
    public static long AllocatedBytes() => GC.GetTotalAllocatedBytes(precise: true);

    public static void PrintThroughput(long size, long count, TimeSpan elapsed, long allocatedBytes, long lost = 0)
    {
        if (lost > 0)
        {
            Console.WriteLine(FormattableString.Invariant($"lost: {lost} of {count} messages (none arrived for {IdleLimit.TotalSeconds} s)"));
            count -= lost;
        }
        double us = Math.Max(elapsed.TotalMicroseconds, 1);
        double throughput = count / us * 1e6;
        double megabits = throughput * size * 8 / 1e6;
        Console.WriteLine(FormattableString.Invariant($"message size: {size} [B]"));
        Console.WriteLine(FormattableString.Invariant($"message count: {count}"));
        Console.WriteLine(FormattableString.Invariant($"mean throughput: {throughput:F0} [msg/s]"));
        Console.WriteLine(FormattableString.Invariant($"mean throughput: {megabits:F3} [Mb/s]"));
        PrintAllocated(allocatedBytes, count);
    }

    public static void PrintLatency(long size, long roundtrips, TimeSpan elapsed, long allocatedBytes)
    {
        Console.WriteLine(FormattableString.Invariant($"message size: {size} [B]"));
        Console.WriteLine(FormattableString.Invariant($"roundtrip count: {roundtrips}"));
        Console.WriteLine(FormattableString.Invariant($"average latency: {elapsed.TotalMicroseconds / (roundtrips * 2.0):F3} [us]"));
        PrintAllocated(allocatedBytes, roundtrips * 2);
    }

    private static void PrintAllocated(long bytes, long messages) =>
        Console.WriteLine(FormattableString.Invariant($"allocated: {(double)bytes / messages:F2} [B/msg]"));

    /// <summary>
    /// Runs a perf program's main with the shared argument handling; returns the exit code. A first
    /// argument <c>--async</c> picks <paramref name="asyncPrograms"/>, the same programs on the
    /// library's async API.
    /// </summary>
    public static int Run(string[] args, IPerfPrograms programs, IPerfPrograms asyncPrograms)
    {
        if (args.Length > 0 && args[0] == "--async")
        {
            return Run(args[1..], asyncPrograms, asyncPrograms);
        }
        try
        {
            if (args.Length == 4 && args[0] is "local_thr" or "remote_thr" or "local_lat" or "remote_lat")
            {
                string endpoint = args[1];
                long size = Positive(args[2], "message-size");
                long count = Positive(args[3], "count");
                switch (args[0])
                {
                    case "local_thr": programs.LocalThroughput(endpoint, size, count); break;
                    case "remote_thr": programs.RemoteThroughput(endpoint, size, count); break;
                    case "local_lat": programs.LocalLatency(endpoint, size, count); break;
                    default: programs.RemoteLatency(endpoint, size, count); break;
                }
                return 0;
            }
            if (args.Length == 3 && args[0] is "inproc_thr" or "inproc_lat")
            {
                long size = Positive(args[1], "message-size");
                long count = Positive(args[2], "count");
                if (args[0] == "inproc_thr")
                {
                    programs.InprocThroughput(size, count);
                }
                else
                {
                    programs.InprocLatency(size, count);
                }
                return 0;
            }
            Console.Error.WriteLine(Usage);
            return 1;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}

/// <summary>
/// One measured stretch of a perf program: the clock and the process's allocation count from
/// <see cref="Start"/> on. Made once per run, before the loop it measures.
/// </summary>
internal sealed class Measurement
{
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private long _allocatedBefore;

    public TimeSpan Elapsed => _clock.Elapsed;

    public long Allocated => PerfReport.AllocatedBytes() - _allocatedBefore;

    public void Start()
    {
        _allocatedBefore = PerfReport.AllocatedBytes();
        _clock.Restart();
    }

    /// <summary>For latency loops: starts once the untimed warm-up round trips are done.</summary>
    public void AtRoundTrip(long index)
    {
        if (index == PerfReport.LatencyWarmup)
        {
            Start();
        }
    }
}

/// <summary>The six perf programs, implemented once per library.</summary>
internal interface IPerfPrograms
{
    void LocalThroughput(string endpoint, long size, long count);

    void RemoteThroughput(string endpoint, long size, long count);

    void LocalLatency(string endpoint, long size, long roundtrips);

    void RemoteLatency(string endpoint, long size, long roundtrips);

    void InprocThroughput(long size, long count);

    void InprocLatency(long size, long roundtrips);
}
