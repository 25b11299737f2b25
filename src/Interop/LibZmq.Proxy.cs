using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CS1591

public static unsafe partial class LibZmq
{
    // Proxies take nullable sockets (capture, control), so they are declared on raw pointers;
    // callers keep each SafeHandle referenced while the proxy runs.
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_proxy(nint frontend, nint backend, nint capture);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_proxy_steerable(nint frontend, nint backend, nint capture, nint control);
}
