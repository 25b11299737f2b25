using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_proxy</c> (<c>zmq_proxy(3)</c>). Proxies take nullable sockets (capture, control), so they are declared on raw pointers; callers keep each SafeHandle referenced while the proxy runs.</summary>
    /// <returns>-1 when the proxy ends (ETERM after the context was shut down).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_proxy(nint frontend, nint backend, nint capture);

    /// <summary><c>zmq_proxy_steerable</c>: the libzmq function of that name (<c>zmq_proxy_steerable(3)</c>), called as is.</summary>
    /// <returns>0 after a TERMINATE command; -1 when it ends otherwise (ETERM after the context was shut down).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_proxy_steerable(nint frontend, nint backend, nint capture, nint control);
}
