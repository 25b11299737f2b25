namespace Zmq;

/// <summary>The event format a <see cref="ZmqMonitor"/> asks libzmq for.</summary>
public enum ZmqMonitorFormat
{
    /// <summary>
    /// <c>zmq_socket_monitor</c>'s format, on every libzmq: a 16-bit event, a 32-bit value and one
    /// endpoint (<see cref="ZmqMonitorEvent.Endpoint"/>).
    /// </summary>
    Version1 = 1,

    /// <summary>
    /// The draft <c>zmq_socket_monitor_versioned</c> format (version 2): 64-bit values, and both the
    /// local and the remote endpoint of the connection; needed for
    /// <see cref="ZmqMonitorEventType.PipesStats"/>. <see cref="NotSupportedException"/> on a libzmq
    /// without the draft API.
    /// </summary>
    Version2 = 2,
}
