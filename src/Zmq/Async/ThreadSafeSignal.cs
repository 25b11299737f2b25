using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// The descriptor the async engine watches for a thread-safe socket, which has no ZMQ_FD: a private
/// draft poller (<c>zmq_poller_new</c>) holding just that socket, whose <c>zmq_poller_fd</c> libzmq
/// signals whenever a command reaches the socket's mailbox while nobody was reading it — the same
/// edge ZMQ_FD gives a classic socket.
/// </summary>
/// <remarks>
/// The poller is never waited on (nothing else reads its descriptor), so the engine drains the
/// descriptor itself before each readiness check: a level-triggered backend would otherwise see it
/// readable for ever. The poller unhooks itself from the socket when destroyed, so it must go before
/// <c>zmq_close</c>: the socket's handle destroys it in its <c>BeforeClose</c>.
/// </remarks>
internal static unsafe class ThreadSafeSignal
{
    private static readonly delegate* unmanaged<int, byte*, nuint, nint> s_read = FindRead();
    private static readonly delegate* unmanaged[Stdcall]<nint, byte*, int, int, int> s_recv = FindRecv();

    /// <summary>Creates the socket's poller and returns it with its descriptor.</summary>
    /// <exception cref="ZmqException">libzmq refused (out of memory or descriptors).</exception>
    public static nint Create(nint socket, out nint descriptor)
    {
        nint poller = LibZmq.Draft.zmq_poller_new();
        if (poller == 0)
        {
            ThrowHelper.ThrowLastError("zmq_poller_new");
        }
        nint fd = 0;
        if (LibZmq.Draft.zmq_poller_add(poller, socket, 0, LibZmq.ZMQ_POLLIN) != 0 || LibZmq.Draft.zmq_poller_fd(poller, &fd) != 0)
        {
            int errno = LibZmq.zmq_errno();
            Destroy(poller);
            ThrowHelper.ThrowErrno(errno, "zmq_poller_fd");
        }
        descriptor = OperatingSystem.IsWindows() ? fd : (int)fd;
        return poller;
    }

    /// <summary>Destroys a poller made by <see cref="Create"/>; its socket must still be open.</summary>
    public static void Destroy(nint poller)
    {
        if (poller != 0)
        {
            LibZmq.Draft.zmq_poller_destroy(&poller);
        }
    }

    /// <summary>
    /// Empties the descriptor (on Linux an eventfd, which one read resets; elsewhere a socket pair,
    /// read until it would block: libzmq made it non-blocking). The caller keeps the socket, and so
    /// the poller and its descriptor, open meanwhile.
    /// </summary>
    public static void Drain(nint descriptor)
    {
        byte* scratch = stackalloc byte[64];
        if (s_recv != null)
        {
            while (s_recv(descriptor, scratch, 64, 0) > 0)
            {
            }
        }
        else if (s_read != null)
        {
            while (s_read((int)descriptor, scratch, 64) > 0)
            {
            }
        }
    }

    private static delegate* unmanaged<int, byte*, nuint, nint> FindRead() =>
        !OperatingSystem.IsWindows() && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "read", out nint read)
            ? (delegate* unmanaged<int, byte*, nuint, nint>)read
            : null;

    private static delegate* unmanaged[Stdcall]<nint, byte*, int, int, int> FindRecv() =>
        OperatingSystem.IsWindows() && NativeLibrary.TryLoad("ws2_32.dll", out nint winsock) && NativeLibrary.TryGetExport(winsock, "recv", out nint recv)
            ? (delegate* unmanaged[Stdcall]<nint, byte*, int, int, int>)recv
            : null;
}
