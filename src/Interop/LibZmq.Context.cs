using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CS1591

public static unsafe partial class LibZmq
{
    // Returns a raw pointer: ZmqContextHandle.Create wraps it before anything else can run.
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_ctx_new();

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_term(nint context);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_shutdown(ZmqContextHandle context);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_set(ZmqContextHandle context, int option, int optval);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_ctx_get(ZmqContextHandle context, int option);
}
