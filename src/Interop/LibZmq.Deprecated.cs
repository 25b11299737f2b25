using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


// zmq.h 4.3 still exports these for source compatibility with libzmq 2.x/3.x; the idiomatic
// API never calls them. They are declared so the raw layer covers the whole exported stable API.
public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_init</c>: the libzmq function of that name (<c>zmq_init(3)</c>), called as is.</summary>
    /// <returns>The new context, or 0 on failure.</returns>
    [Obsolete("Deprecated by libzmq: use zmq_ctx_new.")]
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_init(int ioThreads);

    /// <summary><c>zmq_term</c>: the libzmq function of that name (<c>zmq_term(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [Obsolete("Deprecated by libzmq: use zmq_ctx_term.")]
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_term(nint context);

    /// <summary><c>zmq_ctx_destroy</c>: the libzmq function of that name (<c>zmq_ctx_destroy(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [Obsolete("Deprecated by libzmq: use zmq_ctx_term.")]
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_destroy(nint context);

    /// <summary><c>zmq_device</c>: the libzmq function of that name (<c>zmq_device(3)</c>), called as is.</summary>
    /// <returns>-1 when the device ends (ETERM after the context was shut down).</returns>
    [Obsolete("Deprecated by libzmq: use zmq_proxy.")]
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_device(int type, nint frontend, nint backend);

    /// <summary><c>zmq_sendmsg</c>: the libzmq function of that name (<c>zmq_sendmsg(3)</c>), called as is.</summary>
    /// <returns>The number of bytes queued; -1 on failure.</returns>
    [Obsolete("Deprecated by libzmq: use zmq_msg_send.")]
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_sendmsg(ZmqSocketHandle socket, zmq_msg_t* msg, int flags);

    /// <summary><c>zmq_recvmsg</c>: the libzmq function of that name (<c>zmq_recvmsg(3)</c>), called as is.</summary>
    /// <returns>The frame's size in bytes; -1 on failure.</returns>
    [Obsolete("Deprecated by libzmq: use zmq_msg_recv.")]
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_recvmsg(ZmqSocketHandle socket, zmq_msg_t* msg, int flags);

    /// <summary>zmq_sendiov: sends <paramref name="count"/> buffers as one multipart message.</summary>
    /// <returns>0 on success; -1 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_sendiov(ZmqSocketHandle socket, iovec* iov, nuint count, int flags);

    /// <summary>zmq_recviov: receives up to <c>*count</c> frames; libzmq allocates each
    /// <c>iov_base</c> with malloc, which the caller must free.</summary>
    /// <returns>The number of frames received; -1 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_recviov(ZmqSocketHandle socket, iovec* iov, nuint* count, int flags);
}
