using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CS1591

// zmq.h 4.3 still exports these for source compatibility with libzmq 2.x/3.x; the idiomatic
// API never calls them. They are declared so the raw layer covers the whole exported stable API.
public static unsafe partial class LibZmq
{
    [Obsolete("Deprecated by libzmq: use zmq_ctx_new.")]
    [LibraryImport(LibraryName)]
    public static partial nint zmq_init(int ioThreads);

    [Obsolete("Deprecated by libzmq: use zmq_ctx_term.")]
    [LibraryImport(LibraryName)]
    public static partial int zmq_term(nint context);

    [Obsolete("Deprecated by libzmq: use zmq_ctx_term.")]
    [LibraryImport(LibraryName)]
    public static partial int zmq_ctx_destroy(nint context);

    [Obsolete("Deprecated by libzmq: use zmq_proxy.")]
    [LibraryImport(LibraryName)]
    public static partial int zmq_device(int type, nint frontend, nint backend);

    [Obsolete("Deprecated by libzmq: use zmq_msg_send.")]
    [LibraryImport(LibraryName)]
    public static partial int zmq_sendmsg(ZmqSocketHandle socket, zmq_msg_t* msg, int flags);

    [Obsolete("Deprecated by libzmq: use zmq_msg_recv.")]
    [LibraryImport(LibraryName)]
    public static partial int zmq_recvmsg(ZmqSocketHandle socket, zmq_msg_t* msg, int flags);
}
