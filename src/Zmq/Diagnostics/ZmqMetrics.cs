using System.Diagnostics.Metrics;

namespace Zmq;

// The Zmq meter's instruments. All are observable: the hot path only bumps plain fields
// (SocketMeters.cs), and nothing runs unless a listener collects. The instruments are created
// with the first socket, which publishes them to listeners already started; a listener started
// later sees them at once.
internal static class ZmqMetrics
{
    private static readonly Meter s_meter = new(ZmqTelemetry.MeterName, typeof(ZmqMetrics).Assembly.GetName().Version?.ToString());

    static ZmqMetrics()
    {
        Cumulative("zeromq.client.sent.frames", "{frame}", "Frames the socket queued for sending (zmq_send, zmq_msg_send); a multipart message counts once per frame.", SocketCounter.SentMessages, "send");
        Cumulative("zeromq.client.received.frames", "{frame}", "Frames the socket delivered to the application (zmq_recv, zmq_msg_recv); a multipart message counts once per frame.", SocketCounter.ReceivedMessages, "receive");
        Cumulative("zeromq.client.sent.bytes", "By", "Bytes of the frames the socket queued for sending.", SocketCounter.SentBytes, "send");
        Cumulative("zeromq.client.received.bytes", "By", "Bytes of the frames the socket received (full frame length, also when truncated into a short buffer).", SocketCounter.ReceivedBytes, "receive");
        Cumulative("zeromq.connections.accepted", "{connection}", "Connections a bound socket accepted (ZMQ_EVENT_ACCEPTED); sockets with a peer table only.", SocketCounter.Accepted, null);
        Cumulative("zeromq.connections.established", "{connection}", "Connections a connecting socket made (ZMQ_EVENT_CONNECTED); sockets with a peer table only.", SocketCounter.Connected, null);
        Cumulative("zeromq.connections.closed", "{connection}", "Sessions that ended (ZMQ_EVENT_DISCONNECTED, or the socket's own close); sockets with a peer table only.", SocketCounter.Disconnected, null);
        Cumulative("zeromq.connect.retries", "{retry}", "Reconnects scheduled (ZMQ_EVENT_CONNECT_RETRIED); sockets with a peer table only.", SocketCounter.ConnectRetries, null);
        Cumulative("zeromq.handshake.failures", "{failure}", "ZMTP handshakes that failed (no detail, protocol error or authentication); sockets with a peer table only.", SocketCounter.HandshakeFailures, null);
        Cumulative("zeromq.authentication.failures", "{failure}", "Handshakes refused by authentication (ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, a ZAP denial); sockets with a peer table only.", SocketCounter.AuthenticationFailures, null);
        s_meter.CreateObservableUpDownCounter("zeromq.connections.active", ZmqPeerTable.ObserveConnected, "{connection}",
            "Peers connected now (the ZmqPeerTable's ConnectedCount); sockets with a peer table only.");
        s_meter.CreateObservableGauge("zeromq.peer.queue.depth", ZmqPeerTable.ObserveQueueDepths, "{message}",
            "Messages queued per peer pipe at the last ZmqPeerTable.RequestQueueDepths (ZMQ_EVENT_PIPES_STATS, draft API only).");
    }

    /// <summary>Runs the static constructor: the instruments exist once a socket does.</summary>
    public static void EnsureCreated()
    {
    }

    /// <summary>The tags every instrument carries for one socket.</summary>
    public static KeyValuePair<string, object?>[] Tags(ZmqSocketType type, string? name, string? operation)
    {
        int count = 2 + (name is null ? 0 : 1) + (operation is null ? 0 : 1);
        var tags = new KeyValuePair<string, object?>[count];
        int i = 0;
        tags[i++] = new("messaging.system", ZmqTelemetry.MessagingSystem);
        tags[i++] = new("zeromq.socket.type", SocketTypeName(type));
        if (operation is not null)
        {
            tags[i++] = new("messaging.operation.name", operation);
        }
        if (name is not null)
        {
            tags[i] = new("zeromq.socket.name", name);
        }
        return tags;
    }

    /// <summary>The socket type as libzmq spells it (ROUTER, PUB...): what operators know from the ZMTP greeting.</summary>
    public static string SocketTypeName(ZmqSocketType type) => type switch
    {
        ZmqSocketType.XPub => "XPUB",
        ZmqSocketType.XSub => "XSUB",
        _ => type.ToString().ToUpperInvariant(),
    };

    private static void Cumulative(string name, string unit, string description, SocketCounter counter, string? operation) =>
        s_meter.CreateObservableCounter(name, () => Observe(counter, operation), unit, description);

    private static IEnumerable<Measurement<long>> Observe(SocketCounter counter, string? operation)
    {
        var sums = SocketMeters.Collect(counter);
        var measurements = new List<Measurement<long>>(sums.Count);
        foreach (var ((type, name), value) in sums)
        {
            measurements.Add(new Measurement<long>(value, Tags(type, name, operation)));
        }
        return measurements;
    }
}
