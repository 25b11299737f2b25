using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_poll</c> (<c>zmq_poll(3)</c>). zmq_poll takes raw socket pointers inside the items, so callers must keep each socket's SafeHandle referenced (DangerousAddRef) for the duration of the call. The timeout is a C long: 64-bit on Linux/macOS, 32-bit on Windows, hence CLong.</summary>
    /// <returns>How many items are ready (0 on timeout); -1 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_poll(zmq_pollitem_t* items, int nitems, CLong timeout);

    /// <summary><c>zmq_poll_windows</c>: the libzmq function of that name (<c>zmq_poll_windows(3)</c>), called as is.</summary>
    /// <returns>How many items are ready (0 on timeout); -1 on failure.</returns>
    [LibraryImport(LibraryName, EntryPoint = "zmq_poll")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_poll_windows(zmq_pollitem_windows_t* items, int nitems, CLong timeout);
}
