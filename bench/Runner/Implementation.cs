using System.Diagnostics;

namespace Zmq.Bench.Runner;

/// <summary>One implementation of the perf programs and how to start one of them.</summary>
internal sealed record Implementation(string Key, string Name, Func<string, IReadOnlyList<string>, ProcessStartInfo> Start)
{
    public static IReadOnlyList<Implementation> All(RunnerOptions options) =>
    [
        new("native-c", "native C", (program, args) => Command(Path.Combine(options.NativeDirectory, program), args)),
        new("zmq-binding", "this binding", (program, args) => Command("dotnet", [options.BindingDll, program, .. args])),
        new("netmq", "NetMQ 4.0.4.5", (program, args) => Command("dotnet", [options.NetMQDll, program, .. args])),
        new("zmq-binding-async", "binding async", (program, args) => Command("dotnet", [options.BindingDll, "--async", program, .. args])),
        new("netmq-async", "NetMQ async", (program, args) => Command("dotnet", [options.NetMQDll, "--async", program, .. args])),
    ];

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
