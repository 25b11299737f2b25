using System.Runtime.InteropServices;

namespace Zmq.TestHost;

/// <summary>
/// Delivers a real signal to one thread so that its blocking libzmq call returns EINTR, the way a
/// profiler, debugger or the application's own handlers do in production.
/// </summary>
internal static unsafe partial class Signals
{
    private const int SIGUSR1 = 10;

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetHandler(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, long a, long b, long c);

    [LibraryImport("libc", EntryPoint = "getpid")]
    private static partial int GetProcessId();

    /// <summary>
    /// Installs a handler for SIGUSR1 that does nothing. It must be native code that is safe in a
    /// signal context; libc's abs(int) is exactly that (its result is ignored). poll(2), where libzmq
    /// waits, is never restarted after a handler runs, so the blocked call returns EINTR.
    /// </summary>
    public static void InstallHarmlessHandler()
    {
        nint libc = NativeLibrary.Load("libc.so.6");
        nint abs = NativeLibrary.GetExport(libc, "abs");
        if (SetHandler(SIGUSR1, abs) == -1)
        {
            throw new InvalidOperationException("signal(SIGUSR1) failed");
        }
    }

    public static int CurrentThreadId() => (int)Syscall(GetTidNumber, 0, 0, 0);

    public static void Interrupt(int threadId)
    {
        if (Syscall(TgkillNumber, GetProcessId(), threadId, SIGUSR1) != 0)
        {
            throw new InvalidOperationException($"tgkill({threadId}) failed");
        }
    }

    private static long GetTidNumber => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 178 : 186;

    private static long TgkillNumber => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 131 : 234;
}
