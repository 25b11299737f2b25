using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CS1591

public static unsafe partial class LibZmq
{
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_socket(ZmqContextHandle context, int type);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_close(nint socket);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_setsockopt(ZmqSocketHandle socket, int option, void* optval, nuint optvallen);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_getsockopt(ZmqSocketHandle socket, int option, void* optval, nuint* optvallen);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_bind(ZmqSocketHandle socket, byte* addr);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_connect(ZmqSocketHandle socket, byte* addr);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_unbind(ZmqSocketHandle socket, byte* addr);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_disconnect(ZmqSocketHandle socket, byte* addr);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_send(ZmqSocketHandle socket, void* buf, nuint len, int flags);

    /// <summary>zmq_send_const: <paramref name="buf"/> must stay valid and unchanged until libzmq
    /// has sent it, which the caller cannot observe; use only with static, never-freed memory.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_send_const(ZmqSocketHandle socket, void* buf, nuint len, int flags);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_recv(ZmqSocketHandle socket, void* buf, nuint len, int flags);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_socket_monitor(ZmqSocketHandle socket, byte* addr, int events);

    // Overloads on the raw pointer, for the finalizer path of ZmqSocketHandle, where the
    // SafeHandle itself can no longer be marshalled (it is already marked closed), and for the
    // send/receive hot path of ZmqSocket, whose own gate keeps the socket open across the call
    // instead of the SafeHandle's two interlocked reference-count updates.
    [LibraryImport(LibraryName, EntryPoint = "zmq_setsockopt")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int zmq_setsockopt_raw(nint socket, int option, void* optval, nuint optvallen);

    [LibraryImport(LibraryName, EntryPoint = "zmq_getsockopt")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int zmq_getsockopt_raw(nint socket, int option, void* optval, nuint* optvallen);

    [LibraryImport(LibraryName, EntryPoint = "zmq_send")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int zmq_send_raw(nint socket, void* buf, nuint len, int flags);

    [LibraryImport(LibraryName, EntryPoint = "zmq_recv")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int zmq_recv_raw(nint socket, void* buf, nuint len, int flags);

    [LibraryImport(LibraryName, EntryPoint = "zmq_msg_send")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int zmq_msg_send_raw(zmq_msg_t* msg, nint socket, int flags);

    [LibraryImport(LibraryName, EntryPoint = "zmq_msg_recv")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int zmq_msg_recv_raw(zmq_msg_t* msg, nint socket, int flags);
}
