using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CS1591

public static unsafe partial class LibZmq
{
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_init(zmq_msg_t* msg);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_init_size(zmq_msg_t* msg, nuint size);

    /// <summary>zmq_msg_init_data: <paramref name="ffn"/> must be an <c>[UnmanagedCallersOnly]</c>
    /// function; libzmq calls it on one of its own threads, once, when the last reference goes.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_init_data(zmq_msg_t* msg, void* data, nuint size,
        delegate* unmanaged[Cdecl]<void*, void*, void> ffn, void* hint);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_send(zmq_msg_t* msg, ZmqSocketHandle socket, int flags);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_recv(zmq_msg_t* msg, ZmqSocketHandle socket, int flags);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_close(zmq_msg_t* msg);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_move(zmq_msg_t* dest, zmq_msg_t* src);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_copy(zmq_msg_t* dest, zmq_msg_t* src);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void* zmq_msg_data(zmq_msg_t* msg);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nuint zmq_msg_size(zmq_msg_t* msg);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_more(zmq_msg_t* msg);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_get(zmq_msg_t* msg, int property);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_msg_set(zmq_msg_t* msg, int property, int optval);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* zmq_msg_gets(zmq_msg_t* msg, byte* property);
}
