using System.Runtime.InteropServices;

namespace Zmq;

/// <summary>
/// Linux eventfds, as the reactor's wake (EpollBackend.cs) and the waits' kicks
/// (DescriptorWait.cs) use them: a non-blocking, close-on-exec counter that a write makes readable
/// until a read drains it. libc is reached through the running program's own symbol table (no
/// library name to resolve) and called through unmanaged function pointers: no runtime
/// marshalling, NativeAOT-clean. Resolved once, all three or none.
/// </summary>
internal static unsafe class EventFd
{
    private const int NonBlocking = 0x800, CloseOnExec = 0x80000;

    private static readonly delegate* unmanaged<uint, int, int> s_eventfd;
    private static readonly delegate* unmanaged<int, byte*, nuint, nint> s_read;
    private static readonly delegate* unmanaged<int, byte*, nuint, nint> s_write;

#pragma warning disable CA1810 // the three exports are resolved together, or none is used
    static EventFd()
#pragma warning restore CA1810
    {
        try
        {
            nint program = OperatingSystem.IsLinux() ? NativeLibrary.GetMainProgramHandle() : 0;
            if (program != 0
                && NativeLibrary.TryGetExport(program, "eventfd", out nint eventfd)
                && NativeLibrary.TryGetExport(program, "read", out nint read)
                && NativeLibrary.TryGetExport(program, "write", out nint write))
            {
                s_eventfd = (delegate* unmanaged<uint, int, int>)eventfd;
                s_read = (delegate* unmanaged<int, byte*, nuint, nint>)read;
                s_write = (delegate* unmanaged<int, byte*, nuint, nint>)write;
            }
        }
        catch (Exception)
        {
            s_eventfd = null; // none rather than a type that fails every caller
        }
    }

    /// <summary>Whether this system has eventfds (Linux).</summary>
    public static bool Available => s_eventfd != null;

    /// <summary>A new eventfd, or -1: always when not <see cref="Available"/>, otherwise errno says why (out of descriptors). Never throws.</summary>
    public static int Create() => s_eventfd == null ? -1 : Math.Max(-1, s_eventfd(0, NonBlocking | CloseOnExec));

    /// <summary>
    /// Makes <paramref name="eventfd"/> readable. Never throws, never blocks: a write that would
    /// overflow the counter is refused, and the descriptor is readable anyway.
    /// </summary>
    public static void Signal(int eventfd)
    {
        ulong one = 1;
        _ = s_write(eventfd, (byte*)&one, sizeof(ulong));
    }

    /// <summary>Drains <paramref name="eventfd"/> (non-blocking: nothing to drain is no error). Never throws.</summary>
    public static void Drain(int eventfd)
    {
        ulong count;
        _ = s_read(eventfd, (byte*)&count, sizeof(ulong));
    }
}
