namespace Zmq.Tests.Support;

internal static class TestSockets
{
    /// <summary>Every receive and send in the tests is bounded: a lost message fails, never hangs.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static ZmqSocket CreateBounded(this ZmqContext context, ZmqSocketType type)
    {
        ZmqSocket socket = context.CreateSocket(type);
        socket.ReceiveTimeout = Timeout;
        socket.SendTimeout = Timeout;
        socket.Linger = TimeSpan.Zero;
        return socket;
    }

    /// <summary>
    /// Connects <paramref name="client"/> to <paramref name="server"/>'s last endpoint and says
    /// whether security let the pair talk: the client's handshake outcome decides (its monitor's
    /// HandshakeSucceeded, or a failed handshake or a disconnect before one), then one message must
    /// arrive. No fixed window decides a success: a CURVE handshake with a ZAP round trip under an
    /// emulator on a busy machine took longer than the 3 s this once allowed.
    /// </summary>
    /// <remarks>
    /// The monitor watches the client, a fresh socket, so a test's own monitor on the server is
    /// left alone (libzmq keeps one monitor per socket). A denial that never reports an outcome
    /// (a handshake left hanging) reads as "does not deliver" after <see cref="Timeout"/>.
    /// </remarks>
    public static bool Delivers(ZmqSocket server, ZmqSocket client)
    {
        const ZmqMonitorEventType Outcomes = ZmqMonitorEventType.HandshakeSucceeded | ZmqMonitorEventType.HandshakeFailedNoDetail
            | ZmqMonitorEventType.HandshakeFailedProtocol | ZmqMonitorEventType.HandshakeFailedAuth | ZmqMonitorEventType.Disconnected;
        using var monitor = new ZmqMonitor(client, Outcomes);
        client.Connect(server.LastEndpoint);
        if (!monitor.TryReceive(out ZmqMonitorEvent outcome, Timeout) || outcome.Type != ZmqMonitorEventType.HandshakeSucceeded)
        {
            // Refused: and nothing got through meanwhile either.
            return server.TryReceiveString(out _, ZmqReceiveFlags.DontWait);
        }
        client.SendTimeout = Timeout;
        server.ReceiveTimeout = Timeout;
        return client.TrySendString("hello") && server.TryReceiveString(out string? text) && text == "hello";
    }

    /// <summary>
    /// Waits until a SUB socket is really subscribed, which libzmq does asynchronously (the slow-joiner
    /// problem): publish probes until one arrives, then drain. Returns once the path is live.
    /// </summary>
    public static void WaitForSubscription(ZmqSocket publisher, ZmqSocket subscriber, string probeTopic)
    {
        var deadline = DateTime.UtcNow + Timeout;
        Span<byte> buffer = stackalloc byte[256];
        while (DateTime.UtcNow < deadline)
        {
            publisher.SendString(probeTopic);
            if (subscriber.TryReceive(buffer, out _, ZmqReceiveFlags.DontWait))
            {
                // Drain the probes still in flight: they all precede an end marker on this one
                // PUB->SUB connection (ordered), and the marker matches whatever matched the probe.
                string marker = probeTopic + "\u0001drained";
                publisher.SendString(marker);
                string? text;
                do
                {
                    if (!subscriber.TryReceiveString(out text))
                    {
                        throw new TimeoutException($"subscriber never received the end of the probes '{marker}'");
                    }
                }
                while (text != marker);
                return;
            }
            // Pacing the probes while the subscription travels (the deadline bounds the wait), not a guess at its time.
            Thread.Sleep(10);
        }
        throw new TimeoutException($"subscriber never received probe '{probeTopic}'");
    }
}
