using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_socket</c>: the libzmq function of that name (<c>zmq_socket(3)</c>), called as is.</summary>
    /// <returns>The new socket, or 0 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_socket(ZmqContextHandle context, int type);

    /// <summary><c>zmq_close</c>: the libzmq function of that name (<c>zmq_close(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_close(nint socket);

    /// <summary><c>zmq_setsockopt</c>: the libzmq function of that name (<c>zmq_setsockopt(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_setsockopt(ZmqSocketHandle socket, int option, void* optval, nuint optvallen);

    /// <summary><c>zmq_getsockopt</c>: the libzmq function of that name (<c>zmq_getsockopt(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_getsockopt(ZmqSocketHandle socket, int option, void* optval, nuint* optvallen);

    /// <summary><c>zmq_bind</c>: the libzmq function of that name (<c>zmq_bind(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_bind(ZmqSocketHandle socket, byte* addr);

    /// <summary><c>zmq_connect</c>: the libzmq function of that name (<c>zmq_connect(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_connect(ZmqSocketHandle socket, byte* addr);

    /// <summary><c>zmq_unbind</c>: the libzmq function of that name (<c>zmq_unbind(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_unbind(ZmqSocketHandle socket, byte* addr);

    /// <summary><c>zmq_disconnect</c>: the libzmq function of that name (<c>zmq_disconnect(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_disconnect(ZmqSocketHandle socket, byte* addr);

    /// <summary><c>zmq_send</c>: the libzmq function of that name (<c>zmq_send(3)</c>), called as is.</summary>
    /// <returns>The number of bytes queued; -1 on failure (EAGAIN when it would block).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_send(ZmqSocketHandle socket, void* buf, nuint len, int flags);

    /// <summary>zmq_send_const: <paramref name="buf"/> must stay valid and unchanged until libzmq
    /// has sent it, which the caller cannot observe; use only with static, never-freed memory.</summary>
    /// <returns>The number of bytes queued; -1 on failure (EAGAIN when it would block).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_send_const(ZmqSocketHandle socket, void* buf, nuint len, int flags);

    /// <summary><c>zmq_recv</c>: the libzmq function of that name (<c>zmq_recv(3)</c>), called as is.</summary>
    /// <returns>The frame's full size in bytes, which exceeds <paramref name="len"/> when it was truncated; -1 on failure (EAGAIN when nothing arrived).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_recv(ZmqSocketHandle socket, void* buf, nuint len, int flags);

    /// <summary><c>zmq_socket_monitor</c>: the libzmq function of that name (<c>zmq_socket_monitor(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_socket_monitor(ZmqSocketHandle socket, byte* addr, int events);

    // Overloads on the raw pointer, for the finalizer path of ZmqSocketHandle, where the
    // SafeHandle itself can no longer be marshalled (it is already marked closed), and for the
    // send/receive hot path of ZmqSocket, whose own gate keeps the socket open across the call
    // instead of the SafeHandle's two interlocked reference-count updates.
    [LibraryImport(LibraryName, EntryPoint = "zmq_socket_monitor")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int zmq_socket_monitor_raw(nint socket, byte* addr, int events);

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
