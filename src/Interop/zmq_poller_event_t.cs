using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// <c>zmq_poller_event_t</c> (draft): what <c>zmq_poller_wait_all</c> reports for one ready item.
/// </summary>
/// <remarks>
/// C has <c>{ void *socket; zmq_fd_t fd; void *user_data; short events; }</c>. <c>zmq_fd_t</c> is an
/// <c>int</c> on POSIX and a pointer-sized <c>SOCKET</c> on Windows; on POSIX the int is followed by
/// padding up to the next pointer, so a pointer-sized field has the same offsets everywhere. Read the
/// descriptor through <see cref="FileDescriptor"/>, which drops the padding.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct zmq_poller_event_t
{
    /// <summary>The ready socket, or null for a plain descriptor.</summary>
    public nint socket;

    /// <summary>The descriptor as stored: on POSIX only the low 32 bits (see <see cref="FileDescriptor"/>).</summary>
    public nint fd;

    /// <summary>The user data given to <c>zmq_poller_add</c>.</summary>
    public nint user_data;

    /// <summary>The ready events (ZMQ_POLLIN, ZMQ_POLLOUT, ZMQ_POLLERR, ZMQ_POLLPRI).</summary>
    public short events;

    /// <summary>The ready plain descriptor (a <c>SOCKET</c> on Windows).</summary>
    public readonly nint FileDescriptor => OperatingSystem.IsWindows() ? fd : (int)fd;
}
