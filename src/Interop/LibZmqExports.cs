using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// Looks up libzmq exports by name at run time, for the functions a build may lack: the draft API,
/// which many builds (Debian's among them) leave out. Nothing is bound at load time, so a missing
/// function never stops the library loading; it is a <see cref="NotSupportedException"/> at the
/// point of use. (In a statically linked NativeAOT executable the lookup finds the exports of the
/// executable itself.)
/// </summary>
public static class LibZmqExports
{
    /// <summary>Returns the address of a libzmq export, or false when the build lacks it.</summary>
    /// <returns>True when the loaded libzmq exports <paramref name="name"/>.</returns>
    /// <param name="name">The C name, such as <c>zmq_poller_new</c>.</param>
    /// <param name="address">The export's address, or zero.</param>
    public static bool TryGetExport(string name, out nint address)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        nint library = LibZmqResolver.EnsureLoaded();
        return NativeLibrary.TryGetExport(library, name, out address);
    }

    /// <summary>Returns the address of a draft export.</summary>
    /// <returns>The export's address.</returns>
    /// <exception cref="NotSupportedException">This libzmq build was compiled without it.</exception>
    public static nint GetExport(string name) =>
        TryGetExport(name, out nint address)
            ? address
            : throw new NotSupportedException(
                $"'{name}' is part of libzmq's draft API, which the loaded libzmq ('{LibZmqResolver.LoadedName}') was built without.");
}
