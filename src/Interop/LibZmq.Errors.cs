using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_errno</c> (<c>zmq_errno(3)</c>). zmq_errno is read instead of Marshal.GetLastPInvokeError because on Windows libzmq keeps errno in its own C runtime, where the .NET runtime cannot see it.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_errno();

    /// <summary><c>zmq_strerror</c>: the libzmq function of that name (<c>zmq_strerror(3)</c>), called as is.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* zmq_strerror(int errnum);
}
