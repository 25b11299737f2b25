namespace Zmq.TestHost;

/// <summary>
/// Drives libzmq 4.3.4's <c>session_base_t::clean_pipes</c> assertion (upstream issue #3442): a
/// connection that dies while a large multipart message is half handed to the TCP engine, at the
/// moment the session's pipe is terminating because the sending socket is being closed. Each round
/// fills a PUSH's queue towards a PULL that never reads, so the engine is stuck mid-message, then
/// closes both ends at once from two threads (in a varying order and gap). With the unpatched
/// library the process aborts with "Resource temporarily unavailable (src/session_base.cpp:260)";
/// a process that survives prints the rounds it ran. Before each close the PULL reads a few
/// messages, which must arrive whole and in order.
/// </summary>
internal static class SessionCleanupScenario
{
    public static int Run(int rounds)
    {
        const int PayloadSize = 256 * 1024;
        byte[] payload = new byte[PayloadSize];
        // Two contexts: each end's I/O thread runs on its own, so the PULL's reset can reach the
        // PUSH's engine at any point of the PUSH session's termination.
        using var context = new ZmqContext();
        using var peerContext = new ZmqContext();
        var random = new Random(rounds);
        long delivered = 0;
        for (int round = 0; round < rounds; round++)
        {
            Console.Out.WriteLine($"round {round}");
            Console.Out.Flush();
            var pull = peerContext.CreateSocket(ZmqSocketType.Pull);
            pull.Linger = TimeSpan.Zero;
            pull.ReceiveHighWatermark = 1;
            pull.ReceiveBuffer = 4096;
            pull.Bind("tcp://127.0.0.1:*");
            var push = context.CreateSocket(ZmqSocketType.Push);
            push.Linger = TimeSpan.Zero;
            push.SendHighWatermark = 4;
            push.SendBuffer = 4096;
            push.Connect(pull.LastEndpoint);
            // Queue messages until the pipe is full: the engine is then mid-message, blocked on TCP.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            int queued = 0;
            while (DateTime.UtcNow < deadline && queued < 64)
            {
                if (push.TrySendMultipart([BitConverter.GetBytes(queued), payload, payload, BitConverter.GetBytes(queued)], ZmqSendFlags.DontWait))
                {
                    queued++;
                }
                else if (queued > 0)
                {
                    break;
                }
                else
                {
                    Thread.Sleep(1); // Retry interval while the connection comes up, bounded by the 5 s deadline.
                }
            }
            // The PULL takes a few messages first: each must be whole and next in order.
            int take = Math.Min(queued, random.Next(0, 3));
            var frames = new List<byte[]>();
            pull.ReceiveTimeout = TimeSpan.FromSeconds(10);
            for (int expected = 0; expected < take; expected++)
            {
                if (!pull.TryReceiveMultipart(frames) || frames.Count != 4 || frames[1].Length != PayloadSize
                    || frames[2].Length != PayloadSize || BitConverter.ToInt32(frames[0]) != expected || BitConverter.ToInt32(frames[3]) != expected)
                {
                    Console.WriteLine($"round {round}: message {expected} arrived broken or out of order ({frames.Count} frames)");
                    return 1;
                }
                delivered++;
            }
            // Close both ends together: the PULL's close resets the connection (engine error on the
            // PUSH's side) while the PUSH's close terminates its session's pipe.
            int gapMicroseconds = random.Next(0, 400);
            bool pushFirst = random.Next(2) == 0;
            using var start = new Barrier(2);
            var closer = new Thread(() =>
            {
                start.SignalAndWait();
                if (pushFirst)
                {
                    SpinFor(gapMicroseconds);
                }
                pull.Dispose();
            });
            closer.Start();
            start.SignalAndWait();
            if (!pushFirst)
            {
                SpinFor(gapMicroseconds);
            }
            push.Dispose();
            closer.Join();
        }
        Console.WriteLine($"rounds survived: {rounds}; messages delivered whole and in order: {delivered}");
        return 0;
    }

    private static void SpinFor(int microseconds)
    {
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + microseconds * System.Diagnostics.Stopwatch.Frequency / 1_000_000;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
        }
    }
}
