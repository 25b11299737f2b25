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
    /// Connects <paramref name="client"/> to <paramref name="server"/>'s last endpoint, sends one
    /// message and says whether it arrived within 3 s: whether security let the pair talk.
    /// </summary>
    public static bool Delivers(ZmqSocket server, ZmqSocket client)
    {
        client.Connect(server.LastEndpoint);
        client.SendTimeout = TimeSpan.FromMilliseconds(800);
        client.TrySendString("hello");
        server.ReceiveTimeout = TimeSpan.FromSeconds(3);
        return server.TryReceiveString(out string? text) && text == "hello";
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
