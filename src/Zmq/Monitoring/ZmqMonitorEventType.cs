namespace Zmq;

/// <summary>Socket monitor events of libzmq 4.3 (<c>zmq_socket_monitor(3)</c>), usable as a filter mask.</summary>
[Flags]
public enum ZmqMonitorEventType
{
    /// <summary>No event.</summary>
    None = 0,
    /// <summary>ZMQ_EVENT_CONNECTED: a connection was made; the value is its file descriptor.</summary>
    Connected = 0x0001,
    /// <summary>ZMQ_EVENT_CONNECT_DELAYED: a connect is pending.</summary>
    ConnectDelayed = 0x0002,
    /// <summary>ZMQ_EVENT_CONNECT_RETRIED: a reconnect is scheduled; the value is the interval in ms.</summary>
    ConnectRetried = 0x0004,
    /// <summary>ZMQ_EVENT_LISTENING: bound and listening; the value is the file descriptor.</summary>
    Listening = 0x0008,
    /// <summary>ZMQ_EVENT_BIND_FAILED: a bind failed; the value is the errno.</summary>
    BindFailed = 0x0010,
    /// <summary>ZMQ_EVENT_ACCEPTED: a connection was accepted; the value is its file descriptor.</summary>
    Accepted = 0x0020,
    /// <summary>ZMQ_EVENT_ACCEPT_FAILED: accepting failed; the value is the errno.</summary>
    AcceptFailed = 0x0040,
    /// <summary>ZMQ_EVENT_CLOSED: a connection's file descriptor was closed.</summary>
    Closed = 0x0080,
    /// <summary>ZMQ_EVENT_CLOSE_FAILED: closing failed; the value is the errno.</summary>
    CloseFailed = 0x0100,
    /// <summary>ZMQ_EVENT_DISCONNECTED: a session was broken.</summary>
    Disconnected = 0x0200,
    /// <summary>ZMQ_EVENT_MONITOR_STOPPED: the monitor was stopped; the last event.</summary>
    MonitorStopped = 0x0400,
    /// <summary>ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: the ZMTP handshake failed; the value is the errno.</summary>
    HandshakeFailedNoDetail = 0x0800,
    /// <summary>ZMQ_EVENT_HANDSHAKE_SUCCEEDED: the ZMTP handshake (and security) succeeded.</summary>
    HandshakeSucceeded = 0x1000,
    /// <summary>ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: a protocol error; the value is a ZMQ_PROTOCOL_ERROR_* code.</summary>
    HandshakeFailedProtocol = 0x2000,
    /// <summary>ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: authentication failed; the value is the ZAP status code (such as 400).</summary>
    HandshakeFailedAuth = 0x4000,
    /// <summary>ZMQ_EVENT_ALL: every event of the version 1 format.</summary>
    All = 0xFFFF,
    /// <summary>
    /// ZMQ_EVENT_PIPES_STATS (draft, <see cref="ZmqMonitorFormat.Version2"/> only): one per pipe after
    /// <see cref="ZmqMonitor.RequestPipeStatistics"/>; <see cref="ZmqMonitorEvent.Values"/> holds the
    /// messages queued outbound (written by the socket, not yet read by its peer), then inbound
    /// (written by the peer, not yet read by the socket); libzmq updates the read counts in batches,
    /// so under load they are approximate.
    /// </summary>
    PipesStats = 0x10000,
}
