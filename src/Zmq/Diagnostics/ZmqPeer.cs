namespace Zmq;

/// <summary>One row of a socket's <see cref="ZmqPeerTable"/>: an endpoint and what its monitor events last said of it.</summary>
/// <param name="Endpoint">The endpoint: the one connected to or listened on; for an accepted connection, the
/// remote address where the library reports it (draft API), else the listening endpoint.</param>
/// <param name="State">The state after the last event.</param>
/// <param name="Since">When the row entered <paramref name="State"/>.</param>
/// <param name="LastHandshakeError">Why the last handshake on this row failed, or null if none did.</param>
public sealed record ZmqPeer(string Endpoint, ZmqPeerState State, DateTimeOffset Since, string? LastHandshakeError)
{
    /// <summary>Messages queued toward the peer at the last <see cref="ZmqPeerTable.RequestQueueDepths"/> (draft API), else null.</summary>
    public long? QueuedOutbound { get; init; }

    /// <summary>Messages received from the peer and not yet read by the socket at the last <see cref="ZmqPeerTable.RequestQueueDepths"/> (draft API), else null.</summary>
    public long? QueuedInbound { get; init; }
}
