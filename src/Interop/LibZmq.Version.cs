using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_version</c>: the libzmq function of that name (<c>zmq_version(3)</c>), called as is.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void zmq_version(int* major, int* minor, int* patch);

    /// <summary><c>zmq_has</c>: the libzmq function of that name (<c>zmq_has(3)</c>), called as is.</summary>
    /// <returns>1 when the library has the capability, else 0.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_has(byte* capability);
}
