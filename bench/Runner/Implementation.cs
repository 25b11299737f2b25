using System.Diagnostics;

namespace Zmq.Bench.Runner;

/// <summary>One implementation of the perf programs and how to start one of them.</summary>
internal sealed record Implementation(string Key, string Name, Func<string, IReadOnlyList<string>, ProcessStartInfo> Start)
{
    /// <summary>Native C on the bundled build first (the reference of every binding ratio), then native
    /// C on the OS's libzmq5 and with the bundled static archive linked in when their programs were
    /// built, then the managed implementations.</summary>
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
        if (options.NativeStaticDirectory is not null)
        {
            all.Add(new("native-c-static", "native C, bundled libzmq.a", (program, args) => Command(options, Path.Combine(options.NativeStaticDirectory, program), args)));
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
    /// C programs link it by rpath; the binding's Release build loads it), "bundled-static" (libzmq.a
    /// linked into the C programs) or "none" (NetMQ is managed).</summary>
    public string Library => Key switch
    {
        "native-c-system" => "system",
        "native-c-static" => "bundled-static",
        "netmq" or "netmq-async" => "none",
        _ => "bundled",
    };

    /// <summary>A program of the matrix to start: output captured, the malloc setting applied.</summary>
    internal static ProcessStartInfo Command(RunnerOptions options, string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (options.Malloc.Tunables is string tunables)
        {
            start.Environment["GLIBC_TUNABLES"] = tunables;
        }
        return start;
    }
}
