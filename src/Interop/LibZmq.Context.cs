using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_ctx_new</c> (<c>zmq_ctx_new(3)</c>). Returns a raw pointer: ZmqContextHandle.Create wraps it before anything else can run.</summary>
    /// <returns>The new context, or 0 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_ctx_new();

    /// <summary><c>zmq_ctx_term</c>: the libzmq function of that name (<c>zmq_ctx_term(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_term(nint context);

    /// <summary><c>zmq_ctx_shutdown</c>: the libzmq function of that name (<c>zmq_ctx_shutdown(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_shutdown(ZmqContextHandle context);

    /// <summary><c>zmq_ctx_set</c>: the libzmq function of that name (<c>zmq_ctx_set(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_set(ZmqContextHandle context, int option, int optval);

    /// <summary><c>zmq_ctx_get</c>: the libzmq function of that name (<c>zmq_ctx_get(3)</c>), called as is.</summary>
    /// <returns>The option's value; -1 on failure (EINVAL for an unknown option).</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_get(ZmqContextHandle context, int option);
}
