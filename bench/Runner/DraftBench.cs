using System.Diagnostics;
using System.Globalization;

namespace Zmq.Bench.Runner;

/// <summary>One draft-API perf program (zmq-perf draft ...) at one size, and its runs.</summary>
internal sealed record DraftResult(string Program, int Size, List<double> Values, List<double> AllocatedPerMessage)
{
    public bool IsThroughput => Program.EndsWith("_thr", StringComparison.Ordinal);

    public int Failures { get; set; }

    public double Median => Statistics.Median(Values);
}

/// <summary>
/// The draft API's part of the matrix, on this binding alone (libzmq's perf tools have no draft
/// programs to compare with): CLIENT/SERVER against DEALER/ROUTER, and one thread-safe CLIENT shared
/// by two threads against a CLIENT per thread, all in one process over tcp loopback.
/// </summary>
internal sealed class DraftBench(RunnerOptions options)
{
    private static readonly string[] Programs =
        ["clientserver_thr", "dealerrouter_thr", "shared_thr", "per_thread_thr", "clientserver_lat", "dealerrouter_lat"];

    private static readonly int[] Sizes = [64, 1024];

    public List<DraftResult> Run()
    {
        var results = (from program in Programs from size in Sizes select new DraftResult(program, size, [], [])).ToList();
        var clock = Stopwatch.StartNew();
        for (int repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            foreach (var result in results)
            {
                long count = result.IsThroughput ? BenchMatrix.ThroughputCount(result.Size) : 10_000;
                if (options.Quick)
                {
                    count /= 5;
                }
                var run = BenchMatrix.RunToEnd(Implementation.Command(options, "dotnet",
                    [options.BindingDll, "draft", result.Program, result.Size.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture)]));
                var (value, allocated, _, error) = run.Error is null
                    ? BenchMatrix.Parse(run.Output, new BenchCell("tcp", result.Size, result.IsThroughput ? "throughput" : "latency"))
                    : (double.NaN, double.NaN, 0L, run.Error);
                if (error is null)
                {
                    result.Values.Add(value);
                    result.AllocatedPerMessage.Add(allocated);
                }
                else
                {
                    result.Failures++;
                    Console.Error.WriteLine($"  draft {result.Program} {result.Size} B: {error}");
                }
                string shown = error is not null ? "failed" : result.IsThroughput ? $"{value:N0} msg/s" : $"{value:F1} us";
                Console.WriteLine(FormattableString.Invariant($"[{clock.Elapsed:mm\\:ss}] rep {repetition}/{options.Repetitions} draft {result.Program,-17} {result.Size,6} B {shown} ({allocated:F1} B/msg)"));
            }
        }
        return results;
    }
}
