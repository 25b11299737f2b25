using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CS1591

public static unsafe partial class LibZmq
{
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void zmq_version(int* major, int* minor, int* patch);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_has(byte* capability);
}
