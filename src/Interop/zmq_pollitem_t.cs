using System.Runtime.InteropServices;

namespace Zmq.Interop;

#pragma warning disable CA1707, IDE1006 // Named as in zmq.h.

/// <summary>
/// zmq.h's <c>zmq_pollitem_t</c> on POSIX systems: <c>{ void *socket; int fd; short events; short revents; }</c>,
/// 16 bytes on 64-bit Linux and macOS. Windows uses <see cref="zmq_pollitem_windows_t"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct zmq_pollitem_t
{
    /// <summary>The libzmq socket, or zero to poll <see cref="fd"/>.</summary>
    public nint socket;
    /// <summary>A plain file descriptor, used when <see cref="socket"/> is zero.</summary>
    public int fd;
    /// <summary>Requested events (<c>ZMQ_POLLIN</c>, <c>ZMQ_POLLOUT</c>, ...).</summary>
    public short events;
    /// <summary>Events that occurred, written by <c>zmq_poll</c>.</summary>
    public short revents;
}

/// <summary>
/// zmq.h's <c>zmq_pollitem_t</c> on Windows, where <c>fd</c> is a 64-bit <c>SOCKET</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct zmq_pollitem_windows_t
{
    /// <summary>The libzmq socket, or zero to poll <see cref="fd"/>.</summary>
    public nint socket;
    /// <summary>A Winsock <c>SOCKET</c>, used when <see cref="socket"/> is zero.</summary>
    public nint fd;
    /// <summary>Requested events.</summary>
    public short events;
    /// <summary>Events that occurred.</summary>
    public short revents;
}
