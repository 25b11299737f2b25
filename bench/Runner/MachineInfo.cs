using System.Runtime.InteropServices;

namespace Zmq.Bench.Runner;

/// <summary>What the numbers were measured on.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string OperatingSystem, string Runtime, string LibZmq, string NetMQ)
{
    public static MachineInfo Read()
    {
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                cpu = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        return new MachineInfo(cpu, Environment.ProcessorCount, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, ZmqLibrary.Version.ToString(), "4.0.4.5");
    }

    public override string ToString() =>
        $"{Cpu}, {Cores} cores, {OperatingSystem}, {Runtime}, libzmq {LibZmq}, NetMQ {NetMQ}";
}
