namespace Zmq;

/// <summary>One socket monitor event: what happened, its value and the endpoint it concerns.</summary>
/// <param name="Type">The event.</param>
/// <param name="Value">The event's value: a file descriptor, errno, interval, ZMTP protocol error or ZAP status code (see <see cref="ZmqMonitorEventType"/>).</param>
/// <param name="Endpoint">The endpoint, such as <c>tcp://127.0.0.1:5555</c>.</param>
public readonly record struct ZmqMonitorEvent(ZmqMonitorEventType Type, int Value, string Endpoint)
{
    /// <summary>For <see cref="ZmqMonitorEventType.HandshakeFailedAuth"/>, the ZAP status code (300, 400, 500).</summary>
    public int? AuthStatusCode => Type == ZmqMonitorEventType.HandshakeFailedAuth ? Value : null;

    /// <summary>For <see cref="ZmqMonitorEventType.HandshakeFailedProtocol"/>, which protocol error (ZMTP between the peers, or ZAP).</summary>
    public ZmqProtocolError? ProtocolError => Type == ZmqMonitorEventType.HandshakeFailedProtocol ? (ZmqProtocolError)Value : null;
}
