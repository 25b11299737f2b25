using System.Diagnostics;

namespace Zmq.Bench.Runner;

/// <summary>One implementation of the perf programs and how to start one of them.</summary>
internal sealed record Implementation(string Key, string Name, Func<string, IReadOnlyList<string>, ProcessStartInfo> Start)
{
    /// <summary>Native C on the bundled build first (the reference of every binding ratio), then native
    /// C on the OS's libzmq5 when its programs were built, then the managed implementations.</summary>
    public static IReadOnlyList<Implementation> All(RunnerOptions options)
    {
        if (options.AsyncOnly)
        {
            return
            [
                new("zmq-binding", "this binding", (program, args) => DotNet([options.BindingDll, program, .. args])),
                new("zmq-binding-buffers", "binding sync, buffers", (program, args) => DotNet([options.BindingDll, "--buffers", program, .. args])),
                new("zmq-binding-async", "binding async", (program, args) => DotNet([options.BindingDll, "--async", program, .. args])),
                new("zmq-binding-async-inline", "binding async, inline completions", (program, args) =>
                {
                    ProcessStartInfo start = DotNet([options.BindingDll, "--async", program, .. args]);
                    start.Environment["ZMQ_ASYNC_INLINE_COMPLETIONS"] = "1";
                    return start;
                }),
            ];
        }
        var all = new List<Implementation>
        {
            new("native-c", "native C", (program, args) => Command(Path.Combine(options.NativeDirectory, program), args)),
        };
        if (options.NativeSystemDirectory is not null)
        {
            all.Add(new("native-c-system", "native C, OS libzmq5", (program, args) => Command(Path.Combine(options.NativeSystemDirectory, program), args)));
        }
        if (!options.NativeOnly)
        {
            all.AddRange(
            [
                new("zmq-binding", "this binding", (program, args) => DotNet([options.BindingDll, program, .. args])),
                new("netmq", "NetMQ 4.0.4.5", (program, args) => DotNet([options.NetMQDll, program, .. args])),
                new("zmq-binding-async", "binding async", (program, args) => DotNet([options.BindingDll, "--async", program, .. args])),
                new("netmq-async", "NetMQ async", (program, args) => DotNet([options.NetMQDll, "--async", program, .. args])),
            ]);
        }
        return all;
    }

    /// <summary>Which libzmq the implementation runs on: "system" (the OS's libzmq5), "bundled" (the
    /// C programs link it by rpath; the binding's Release build loads it) or "none" (NetMQ is managed).</summary>
    public string Library => Key switch
    {
        "native-c-system" => "system",
        "netmq" or "netmq-async" => "none",
        _ => "bundled",
    };

    /// <summary>
    /// A .NET perf program, started so that it measures the optimized code a running service runs.
    /// .NET first runs each method unoptimized and starts counting calls for the optimized version only
    /// after a quiet spell, which is ten times longer in a process that sees one CPU (every pinned
    /// program here) and starts again whenever a method is compiled: about 1–2 s, longer than most
    /// cells run. Loops escape it (on-stack replacement optimizes the running loop with what it calls
    /// inlined), calls through the async engine do not: with the default, the async rows measured
    /// unoptimized engine code (1 B inproc stream 4.5 M msg/s against 6.9 M optimized) while the
    /// blocking rows measured optimized loops. No delay gives every .NET program the steady state.
    /// </summary>
    internal static ProcessStartInfo DotNet(IEnumerable<string> args)
    {
        ProcessStartInfo start = Command("dotnet", args);
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        return start;
    }

    private static ProcessStartInfo Command(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }
}
