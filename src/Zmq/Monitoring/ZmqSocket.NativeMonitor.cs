using Zmq.Interop;

namespace Zmq;

// The two libzmq calls every monitor of a socket makes (ZmqMonitor, and the peer table behind
// ZmqSocket.Peers), written once: each is a call on the monitored socket, so it runs inside the
// socket's exclusion (AddNativeReference: the gate of a classic socket, a handle reference of a
// thread-safe one), like any other call.
public sealed partial class ZmqSocket
{
    /// <summary>
    /// <c>zmq_socket_monitor(3)</c> (version 1) or the draft <c>zmq_socket_monitor_versioned</c>
    /// (version 2, PAIR) publishing <paramref name="events"/> on <paramref name="endpoint"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on the socket.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqException">libzmq refused.</exception>
    internal unsafe void StartNativeMonitor(string endpoint, ulong events, bool version2, string role)
    {
        Span<byte> scratch = stackalloc byte[128];
        using var address = Utf8Buffer.ForCString(endpoint, scratch, nameof(endpoint));
        string operation = version2 ? "zmq_socket_monitor_versioned" : "zmq_socket_monitor";
        nint raw = AddNativeReference(role, operation);
        try
        {
            fixed (byte* p = address.NulTerminated)
            {
                int rc = version2
                    ? LibZmq.Draft.zmq_socket_monitor_versioned(raw, p, events, LibZmq.Draft.ZMQ_CURRENT_EVENT_VERSION_DRAFT, LibZmq.ZMQ_PAIR)
                    : LibZmq.zmq_socket_monitor(_handle, p, (int)events);
                if (rc != 0)
                {
                    ThrowHelper.ThrowLastError(operation, endpoint);
                }
                _handle.MarkMonitorStarted();
            }
        }
        finally
        {
            ReleaseNativeReference();
        }
    }

    /// <summary>The draft <c>zmq_socket_monitor_pipes_stats</c>: one PipesStats event per pipe on the version 2 monitor.</summary>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on the socket.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqException">libzmq refused.</exception>
    internal void RequestNativePipeStatistics(string role, string? endpoint)
    {
        nint raw = AddNativeReference(role, "zmq_socket_monitor_pipes_stats");
        try
        {
            if (LibZmq.Draft.zmq_socket_monitor_pipes_stats(raw) != 0)
            {
                ThrowHelper.ThrowLastError("zmq_socket_monitor_pipes_stats", endpoint);
            }
        }
        finally
        {
            ReleaseNativeReference();
        }
    }
}
