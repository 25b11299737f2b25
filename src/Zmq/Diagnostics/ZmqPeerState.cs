namespace Zmq;

/// <summary>The state of one row of a <see cref="ZmqPeerTable"/>, as its monitor events last reported it.</summary>
public enum ZmqPeerState
{
    /// <summary>A connect is pending (ZMQ_EVENT_CONNECT_DELAYED), or <see cref="ZmqSocket.Connect"/> was called and nothing happened yet.</summary>
    Connecting,
    /// <summary>A TCP (or IPC) connection exists and the ZMTP handshake is under way (ZMQ_EVENT_CONNECTED or ZMQ_EVENT_ACCEPTED).</summary>
    Handshaking,
    /// <summary>The handshake (and its security mechanism) succeeded: messages flow (ZMQ_EVENT_HANDSHAKE_SUCCEEDED).</summary>
    Connected,
    /// <summary>The session ended (ZMQ_EVENT_DISCONNECTED); a connecting socket reconnects on its own.</summary>
    Disconnected,
    /// <summary>The socket listens on this endpoint (ZMQ_EVENT_LISTENING).</summary>
    Listening,
    /// <summary>A reconnect is scheduled (ZMQ_EVENT_CONNECT_RETRIED).</summary>
    Retrying,
    /// <summary>The handshake failed (ZMQ_EVENT_HANDSHAKE_FAILED_*): <see cref="ZmqPeer.LastHandshakeError"/> says why.</summary>
    HandshakeFailed,
    /// <summary>Binding the endpoint failed (ZMQ_EVENT_BIND_FAILED).</summary>
    BindFailed,
}
