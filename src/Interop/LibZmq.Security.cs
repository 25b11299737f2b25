using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary>zmq_z85_encode: <paramref name="dest"/> needs size * 5 / 4 + 1 bytes; returns null
    /// when size is not a multiple of 4.</summary>
    /// <returns><paramref name="dest"/>, or null when the size is not a multiple of 4.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* zmq_z85_encode(byte* dest, byte* data, nuint size);

    /// <summary>zmq_z85_decode: <paramref name="dest"/> needs strlen(str) * 4 / 5 bytes; returns null
    /// on a length that is not a multiple of 5 or a character outside the Z85 alphabet.</summary>
    /// <returns><paramref name="dest"/>, or null when the text is not valid Z85.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* zmq_z85_decode(byte* dest, byte* str);

    /// <summary>zmq_curve_keypair: each buffer needs 41 bytes (40 Z85 characters and a NUL).</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_curve_keypair(byte* z85PublicKey, byte* z85SecretKey);

    /// <summary><c>zmq_curve_public</c>: the libzmq function of that name (<c>zmq_curve_public(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_curve_public(byte* z85PublicKey, byte* z85SecretKey);
}
