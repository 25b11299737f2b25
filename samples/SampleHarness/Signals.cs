using System.Runtime.InteropServices;

namespace Zmq.Samples.Harness;

/// <summary>POSIX kill(2), to deliver SIGINT to a child the way Ctrl-C in a terminal does, or SIGTERM the way a service manager stops it.</summary>
internal static partial class Signals
{
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static void Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("signals need a POSIX system");
        }
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
