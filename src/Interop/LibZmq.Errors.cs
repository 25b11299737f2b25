using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_errno</c> (<c>zmq_errno(3)</c>). zmq_errno is read instead of Marshal.GetLastPInvokeError because on Windows libzmq keeps errno in its own C runtime, where the .NET runtime cannot see it.</summary>
    /// <returns>The calling thread's errno as libzmq's C runtime holds it.</returns>
    [LibraryImport(LibraryName)]
    [SuppressGCTransition] // reads a thread-local: no GC safe point needed around it
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_errno();

    /// <summary><c>zmq_strerror</c>: the libzmq function of that name (<c>zmq_strerror(3)</c>), called as is.</summary>
    /// <returns>libzmq's text for the error number: a static NUL-terminated string.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* zmq_strerror(int errnum);
}
