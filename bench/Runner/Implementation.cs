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
                new("zmq-binding", "this binding", (program, args) => Command(options, "dotnet", [options.BindingDll, program, .. args])),
                new("zmq-binding-buffers", "binding sync, buffers", (program, args) => Command(options, "dotnet", [options.BindingDll, "--buffers", program, .. args])),
                new("zmq-binding-async", "binding async", (program, args) => Command(options, "dotnet", [options.BindingDll, "--async", program, .. args])),
                new("zmq-binding-async-inline", "binding async, inline completions", (program, args) =>
                {
                    ProcessStartInfo start = Command(options, "dotnet", [options.BindingDll, "--async", program, .. args]);
                    start.Environment["ZMQ_ASYNC_INLINE_COMPLETIONS"] = "1";
                    return start;
                }),
            ];
        }
        var all = new List<Implementation>
        {
            new("native-c", "native C", (program, args) => Command(options, Path.Combine(options.NativeDirectory, program), args)),
        };
        if (options.NativeSystemDirectory is not null)
        {
            all.Add(new("native-c-system", "native C, OS libzmq5", (program, args) => Command(options, Path.Combine(options.NativeSystemDirectory, program), args)));
        }
        if (!options.NativeOnly)
        {
            all.AddRange(
            [
                new("zmq-binding", "this binding", (program, args) => Command(options, "dotnet", [options.BindingDll, program, .. args])),
                new("netmq", "NetMQ 4.0.4.5", (program, args) => Command(options, "dotnet", [options.NetMQDll, program, .. args])),
                new("zmq-binding-async", "binding async", (program, args) => Command(options, "dotnet", [options.BindingDll, "--async", program, .. args])),
                new("netmq-async", "NetMQ async", (program, args) => Command(options, "dotnet", [options.NetMQDll, "--async", program, .. args])),
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
    /// The glibc tunable every program of the matrix runs with unless <c>--default-malloc</c>: a heap
    /// trim threshold (256 MiB) no stream reaches. libzmq allocates every frame above 33 bytes with
    /// <c>malloc</c> in the sending thread and frees it in another; with glibc's default threshold
    /// (128 KiB), a 64 KiB frame freed next to the top of its arena's heap gives that memory back to
    /// the kernel, and the next frame faults it in again. A sender that falls into that (the pipe
    /// running nearly empty, so each frame is freed before the next is made) stays in it: the faults
    /// slow it, which keeps the pipe empty. Measured on a tcp 64 KiB stream, each program on its own
    /// CPU: in 20-25 % of runs the sender faulted 180,000-440,000 times instead of 20,000-60,000 and
    /// ran at 26-36 k msg/s instead of 45-55 k, when it sent from a thread other than the process's
    /// first (an awaited send continues on a pool thread after its first park; a blocking one on a
    /// thread of its own fell into it once in 16 runs); with this threshold, in none of 24 awaited
    /// runs. It is the C library's trimming, not the code under test, and it would land on whichever
    /// implementation a run's luck picked, so every program gets it alike; docs/performance.md says
    /// what it means for services.
    /// </summary>
    public const string MallocTunables = "glibc.malloc.trim_threshold=268435456";

    /// <summary>A program of the matrix to start: output captured, the malloc setting applied.</summary>
    internal static ProcessStartInfo Command(RunnerOptions options, string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (!options.DefaultMalloc)
        {
            string? inherited = Environment.GetEnvironmentVariable("GLIBC_TUNABLES");
            start.Environment["GLIBC_TUNABLES"] = string.IsNullOrEmpty(inherited) ? MallocTunables : $"{inherited}:{MallocTunables}";
        }
        return start;
    }
}
