namespace Zmq.TestHost;

/// <summary>
/// Two threads in synchronous calls on one socket: the second is refused with
/// InvalidOperationException. In a child process, because a missed detection lets libzmq abort.
/// </summary>
internal static class ConcurrentUseScenario
{
    public static int Run()
    {
        using var context = new ZmqContext();
        using var a = context.CreateSocket(ZmqSocketType.Dealer);
        using var b = context.CreateSocket(ZmqSocketType.Dealer);
        a.Linger = b.Linger = TimeSpan.Zero;
        b.Bind("tcp://127.0.0.1:*");
        a.Connect(b.LastEndpoint);

        // One thread blocks in a receive; another sends meanwhile.
        a.ReceiveTimeout = TimeSpan.FromSeconds(2);
        var blocked = new Thread(() => a.TryReceive(new byte[8], out _));
        blocked.Start();
        // Wait until the receive holds the socket's gate (it is then in, or a few instructions
        // from, its blocking call), with a deadline.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!a.IsGateHeld)
        {
            if (DateTime.UtcNow >= deadline)
            {
                Console.WriteLine("FAILED: the receiving thread never entered its call");
                return 1;
            }
            Thread.Sleep(1); // a polling interval inside a deadline, not a guess at the event's time
        }
        try
        {
            a.Send("x"u8);
            Console.WriteLine("FAILED: a send during another thread's blocking receive was let through");
            return 1;
        }
        catch (InvalidOperationException refused)
        {
            Console.WriteLine($"refused: {refused.Message}");
        }
        blocked.Join();

        // Two threads hammering one socket: every call either runs alone or is refused.
        a.ReceiveTimeout = TimeSpan.Zero;
        int refusals = 0, calls = 0;
        var barrier = new Barrier(2);
        void Hammer(bool sending)
        {
            barrier.SignalAndWait();
            Span<byte> frame = stackalloc byte[8];
            for (int i = 0; i < 200_000; i++)
            {
                try
                {
                    _ = sending ? a.TrySend(frame, ZmqSendFlags.DontWait) : a.TryReceive(frame, out _, ZmqReceiveFlags.DontWait);
                    Interlocked.Increment(ref calls);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refusals);
                }
            }
        }
        var sender = new Thread(() => Hammer(sending: true));
        var receiver = new Thread(() => Hammer(sending: false));
        sender.Start();
        receiver.Start();
        sender.Join();
        receiver.Join();
        Console.WriteLine($"hammer: calls={calls} refusals={refusals}");
        return 0;
    }
}
