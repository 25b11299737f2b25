namespace Zmq;

/// <summary>The counters of a <see cref="SocketMeters"/> block, one per cumulative instrument.</summary>
internal enum SocketCounter
{
    SentMessages,
    SentBytes,
    ReceivedMessages,
    ReceivedBytes,
    Accepted,
    Connected,
    Disconnected,
    ConnectRetries,
    HandshakeFailures,
    AuthenticationFailures,
    Count,
}
