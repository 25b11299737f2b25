namespace Zmq;

/// <summary>One socket monitor event: what happened, its value and the endpoint it concerns.</summary>
/// <param name="Type">The event.</param>
/// <param name="Value">The event's value: a file descriptor, errno, interval, ZMTP protocol error or ZAP status code (see <see cref="ZmqMonitorEventType"/>).</param>
/// <param name="Endpoint">The endpoint, such as <c>tcp://127.0.0.1:5555</c>: in the version 2 format the remote endpoint when there is one, else the local one.</param>
public readonly record struct ZmqMonitorEvent(ZmqMonitorEventType Type, int Value, string Endpoint)
{
    /// <summary>The connection's local endpoint (<see cref="ZmqMonitorFormat.Version2"/>; null in version 1).</summary>
    public string? LocalEndpoint { get; init; }

    /// <summary>The connection's remote endpoint (<see cref="ZmqMonitorFormat.Version2"/>; null in version 1, empty for events without a peer).</summary>
    public string? RemoteEndpoint { get; init; }

    /// <summary>Every value of the event, 64-bit (<see cref="ZmqMonitorFormat.Version2"/>: two for <see cref="ZmqMonitorEventType.PipesStats"/>); in version 1 just <see cref="Value"/>.</summary>
    public IReadOnlyList<ulong> Values { get; init; } = [];

    /// <summary>For <see cref="ZmqMonitorEventType.HandshakeFailedAuth"/>, the ZAP status code (300, 400, 500).</summary>
    public int? AuthStatusCode => Type == ZmqMonitorEventType.HandshakeFailedAuth ? Value : null;

    /// <summary>For <see cref="ZmqMonitorEventType.HandshakeFailedProtocol"/>, which protocol error (ZMTP between the peers, or ZAP).</summary>
    public ZmqProtocolError? ProtocolError => Type == ZmqMonitorEventType.HandshakeFailedProtocol ? (ZmqProtocolError)Value : null;
}
