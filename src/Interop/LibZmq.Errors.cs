using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CS1591

public static unsafe partial class LibZmq
{
    // zmq_errno is read instead of Marshal.GetLastPInvokeError because on Windows libzmq keeps
    // errno in its own C runtime, where the .NET runtime cannot see it.
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_errno();

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* zmq_strerror(int errnum);
}
