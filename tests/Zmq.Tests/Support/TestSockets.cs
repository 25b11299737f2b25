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
                // Drain any further probes already in flight.
                Thread.Sleep(50);
                while (subscriber.TryReceive(buffer, out _, ZmqReceiveFlags.DontWait))
                {
                }
                return;
            }
            Thread.Sleep(10);
        }
        throw new TimeoutException($"subscriber never received probe '{probeTopic}'");
    }
}
