using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


// [SuppressGCTransition] marks the calls that only read or fill in the 64-byte zmq_msg_t in place:
// they never block, never allocate, never take a lock and never call back into managed code, so
// the GC needs no safe point around them and the transition (7-15 ns for zmq_msg_size in
// bench/Micro CallCostBenchmarks) buys nothing. zmq_msg_close and zmq_msg_send/recv keep theirs: dropping the last reference to a
// zero-copy message calls its managed free callback, which is fatal under a suppressed transition;
// zmq_msg_init_size and zmq_msg_copy can allocate.
public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_msg_init</c>: the libzmq function of that name (<c>zmq_msg_init(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_init(zmq_msg_t* msg);

    /// <summary><c>zmq_msg_init_size</c>: the libzmq function of that name (<c>zmq_msg_init_size(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_init_size(zmq_msg_t* msg, nuint size);

    /// <summary>zmq_msg_init_data: <paramref name="ffn"/> must be an <c>[UnmanagedCallersOnly]</c>
    /// function; libzmq calls it on one of its own threads, once, when the last reference goes.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_init_data(zmq_msg_t* msg, void* data, nuint size,
        delegate* unmanaged[Cdecl]<void*, void*, void> ffn, void* hint);

    /// <summary><c>zmq_msg_send</c>: the libzmq function of that name (<c>zmq_msg_send(3)</c>), called as is.</summary>
    /// <returns>The number of bytes queued; -1 on failure (EAGAIN when it would block); on success libzmq owns the message.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_send(zmq_msg_t* msg, ZmqSocketHandle socket, int flags);

    /// <summary><c>zmq_msg_recv</c>: the libzmq function of that name (<c>zmq_msg_recv(3)</c>), called as is.</summary>
    /// <returns>The frame's size in bytes; -1 on failure (EAGAIN when nothing arrived).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_recv(zmq_msg_t* msg, ZmqSocketHandle socket, int flags);

    /// <summary><c>zmq_msg_close</c>: the libzmq function of that name (<c>zmq_msg_close(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_close(zmq_msg_t* msg);

    /// <summary><c>zmq_msg_move</c>: the libzmq function of that name (<c>zmq_msg_move(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_move(zmq_msg_t* dest, zmq_msg_t* src);

    /// <summary><c>zmq_msg_copy</c>: the libzmq function of that name (<c>zmq_msg_copy(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_copy(zmq_msg_t* dest, zmq_msg_t* src);

    /// <summary><c>zmq_msg_data</c>: the libzmq function of that name (<c>zmq_msg_data(3)</c>), called as is.</summary>
    /// <returns>A pointer to the message's bytes, valid until the message is closed or received into again.</returns>
    [LibraryImport(LibraryName)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void* zmq_msg_data(zmq_msg_t* msg);

    /// <summary><c>zmq_msg_size</c>: the libzmq function of that name (<c>zmq_msg_size(3)</c>), called as is.</summary>
    /// <returns>The message's size in bytes.</returns>
    [LibraryImport(LibraryName)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nuint zmq_msg_size(zmq_msg_t* msg);

    /// <summary><c>zmq_msg_more</c>: the libzmq function of that name (<c>zmq_msg_more(3)</c>), called as is.</summary>
    /// <returns>1 when more frames of the message follow, else 0.</returns>
    [LibraryImport(LibraryName)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_more(zmq_msg_t* msg);

    /// <summary><c>zmq_msg_get</c>: the libzmq function of that name (<c>zmq_msg_get(3)</c>), called as is.</summary>
    /// <returns>The property's value; -1 on failure (EINVAL for an unknown property).</returns>
    [LibraryImport(LibraryName)]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_get(zmq_msg_t* msg, int property);

    /// <summary><c>zmq_msg_set</c>: the libzmq function of that name (<c>zmq_msg_set(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_set(zmq_msg_t* msg, int property, int optval);

    /// <summary><c>zmq_msg_gets</c>: the libzmq function of that name (<c>zmq_msg_gets(3)</c>), called as is.</summary>
    /// <returns>The property's value, a NUL-terminated UTF-8 string owned by the message; null when absent (EINVAL).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* zmq_msg_gets(zmq_msg_t* msg, byte* property);
}
