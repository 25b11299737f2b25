using Zmq.Tests.Support;

namespace Zmq.Tests.Bench;

/// <summary>
/// The binding's perf programs speak the same protocol as the native C ones (bench/native), so a
/// C sender feeds a C# receiver and the reverse, over tcp.
/// </summary>
public class PerfProgramInteropTests
{
    private static readonly Lazy<string> NativeBinaries = new(BuildNative);

    private static string BuildNative()
    {
        string output = Path.Combine(Path.GetTempPath(), $"zmq-perf-native-{Environment.ProcessId}");
        var (exitCode, text) = Run("make", ["-s", "-C", Path.Combine(Repository.Root, "bench", "native"), $"OUT={output}"]);
        Assert.True(exitCode == 0, "building bench/native failed (native/install-libzmq.sh --dev installs gcc and the headers): " + text);
        return output;
    }

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> args)
    {
        var result = ChildProcess.Run(file, args, TimeSpan.FromSeconds(60));
        return (result.TimedOut ? -1 : result.ExitCode, result.Output + result.Error);
    }

    private static string Native(string program) => Path.Combine(NativeBinaries.Value, program);

    private static string[] Binding(string program, params string[] args) =>
        [Path.Combine(AppContext.BaseDirectory, "zmq-perf.dll"), program, .. args];

    /// <summary>The same program on the binding's async API.</summary>
    private static string[] BindingAsync(string program, params string[] args) =>
        [Path.Combine(AppContext.BaseDirectory, "zmq-perf.dll"), "--async", program, .. args];

    private static string FreeEndpoint()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return $"tcp://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task Throughput_stream_crosses_between_c_and_csharp(bool csharpReceives, bool awaited)
    {
        string endpoint = FreeEndpoint();
        string[] localArgs = [endpoint, "64", "20000"];
        Func<string, string[], string[]> csharp = awaited ? BindingAsync : Binding;
        var receiver = Task.Run(() => csharpReceives
            ? Run("dotnet", csharp("local_thr", localArgs))
            : Run(Native("local_thr"), localArgs));
        var sender = csharpReceives
            ? Run(Native("remote_thr"), localArgs)
            : Run("dotnet", csharp("remote_thr", localArgs));
        Assert.True(sender.ExitCode == 0, sender.Output);
        var result = await receiver;
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("message count: 20000", result.Output, StringComparison.Ordinal);
        Assert.Contains("[msg/s]", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task Latency_round_trips_cross_between_c_and_csharp(bool csharpMeasures, bool awaited)
    {
        string endpoint = FreeEndpoint();
        string[] args = [endpoint, "64", "2000"];
        Func<string, string[], string[]> csharp = awaited ? BindingAsync : Binding;
        var echo = Task.Run(() => csharpMeasures
            ? Run(Native("local_lat"), args)
            : Run("dotnet", csharp("local_lat", args)));
        var measured = csharpMeasures
            ? Run("dotnet", csharp("remote_lat", args))
            : Run(Native("remote_lat"), args);
        Assert.True(measured.ExitCode == 0, measured.Output);
        var echoed = await echo;
        Assert.True(echoed.ExitCode == 0, echoed.Output);
        Assert.Contains("roundtrip count: 2000", measured.Output, StringComparison.Ordinal);
        Assert.Contains("average latency:", measured.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inproc_thr", false)]
    [InlineData("inproc_lat", false)]
    [InlineData("inproc_thr", true)]
    [InlineData("inproc_lat", true)]
    public void Inproc_programs_run_and_allocate_nothing_per_message(string program, bool awaited)
    {
        var result = Run("dotnet", awaited ? BindingAsync(program, "64", "100000") : Binding(program, "64", "100000"));
        Assert.True(result.ExitCode == 0, result.Output);
        // The perf programs count the whole process's allocations (every thread, the runtime's
        // own included), so a one-off of a few hundred bytes may show; a per-message allocation
        // would be at least 24 B/msg.
        var match = System.Text.RegularExpressions.Regex.Match(result.Output, @"allocated: ([0-9.]+) \[B/msg\]");
        Assert.True(match.Success, result.Output);
        double perMessage = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // A Debug build allocates the async state machine of each parked await (see BuildFlavor):
        // about 120 B per message in the latency program, where every receive parks.
        double limit = awaited && BuildFlavor.LibraryIsDebug ? 400 : 1;
        Assert.True(perMessage < limit, $"{perMessage} B/msg: {result.Output}");
    }
}
