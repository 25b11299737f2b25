
namespace Zmq.TestHost;

/// <summary>Message handling that libzmq or a callback could turn into an abort.</summary>
internal static partial class Scenarios
{
    /// <summary>
    /// Streams [index][4 MiB][index] messages from PUSH to PULL over tcp while the PULL drops
    /// every connection (unbind, rebind) <paramref name="cuts"/> times. Every message received
    /// must be whole: three frames, the index at both ends. Prints how many were checked.
    /// </summary>
    public static int MultipartMessagesAcrossConnectionCuts(int cuts)
    {
        const int PayloadSize = 4 * 1024 * 1024;
        using var context = new ZmqContext();
        using var pull = context.CreateSocket(ZmqSocketType.Pull);
        pull.ReceiveTimeout = TimeSpan.FromSeconds(10);
        pull.Bind("tcp://127.0.0.1:*");
        string endpoint = pull.LastEndpoint;
        using var stop = new CancellationTokenSource();
        var sender = new Thread(() =>
        {
            using var push = context.CreateSocket(ZmqSocketType.Push);
            push.Linger = TimeSpan.Zero;
            push.SendHighWatermark = 4;
            push.SendTimeout = TimeSpan.FromMilliseconds(200);
            push.Connect(endpoint);
            byte[] payload = new byte[PayloadSize];
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                byte[] index = BitConverter.GetBytes(i);
                push.TrySendMultipart([index, payload, index]);
            }
        });
        sender.Start();
        var frames = new List<byte[]>();
        int whole = 0;
        try
        {
            for (int cut = 0; cut <= cuts; cut++)
            {
                for (int i = 0; i < 3; i++)
                {
                    if (!pull.TryReceiveMultipart(frames))
                    {
                        Console.WriteLine($"the stream stopped after {whole} messages");
                        return 1;
                    }
                    if (frames.Count != 3 || frames[1].Length != PayloadSize || !frames[0].AsSpan().SequenceEqual(frames[2]))
                    {
                        Console.WriteLine($"a broken message: {frames.Count} frames after {whole} whole ones");
                        return 1;
                    }
                    whole++;
                }
                if (cut < cuts)
                {
                    pull.Unbind(endpoint);
                    while (true)
                    {
                        try
                        {
                            pull.Bind(endpoint);
                            break;
                        }
                        catch (ZmqException e) when (e.Error == ZmqError.AddressInUse)
                        {
                            Thread.Sleep(20); // The old listener closes asynchronously.
                        }
                    }
                }
            }
        }
        finally
        {
            stop.Cancel();
            sender.Join();
        }
        Console.WriteLine($"whole messages: {whole}");
        return 0;
    }

    /// <summary>
    /// A zero-copy release callback that throws, on this thread (dispose before sending) and on a
    /// libzmq I/O thread (after a tcp send): an exception escaping into native code would end the
    /// process here, which the parent test reports.
    /// </summary>
    public static int ThrowingZeroCopyCallbackIsContained()
    {
        int calls = 0, reported = 0;
        void Throw()
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("user bug");
        }
        ZmqMessage.ReleaseCallbackFailed += (_, e) =>
        {
            if (e.ExceptionObject is InvalidOperationException { Message: "user bug" } && !e.IsTerminating)
            {
                Interlocked.Increment(ref reported);
            }
            throw new InvalidOperationException("a throwing handler is contained too");
        };
        var unsent = ZmqMessage.CreateZeroCopy(new byte[8], Throw);
        unsent.Dispose();
        using var context = new ZmqContext();
        using var pull = context.CreateSocket(ZmqSocketType.Pull);
        using var push = context.CreateSocket(ZmqSocketType.Push);
        pull.ReceiveTimeout = TimeSpan.FromSeconds(10);
        pull.Bind("tcp://127.0.0.1:*");
        push.Connect(pull.LastEndpoint);
        var sent = ZmqMessage.CreateZeroCopy(new byte[100_000], Throw);
        push.Send(ref sent);
        using (var received = pull.ReceiveMessage())
        {
            Console.WriteLine($"received {received.Size} bytes");
        }
        SpinWait.SpinUntil(() => Volatile.Read(ref reported) == 2, TimeSpan.FromSeconds(10));
        Console.WriteLine($"callbacks run: {calls}, failures reported: {reported}");
        return calls == 2 && reported == 2 ? 0 : 1;
    }

    /// <summary>
    /// Copies of a message value disposed one after the other, for frames whose content libzmq
    /// refcounts (over 33 bytes): each native message must be closed exactly once. Run under
    /// MALLOC_CHECK_=3, a second close is a double free that aborts the process.
    /// </summary>
    public static int CopiedMessagesAreClosedOnce()
    {
        using var context = new ZmqContext();
        using var push = context.CreateSocket(ZmqSocketType.Push);
        using var pull = context.CreateSocket(ZmqSocketType.Pull);
        pull.ReceiveTimeout = TimeSpan.FromSeconds(10);
        pull.Bind("inproc://copies");
        push.Connect("inproc://copies");
        byte[] payload = new byte[50_000];
        for (int i = 0; i < 2_000; i++)
        {
            var built = new ZmqMessage(100_000);
            built.GetWritableSpan().Fill(1);
            var builtCopy = built;
            built.Dispose();
            builtCopy.Dispose();

            push.Send(payload);
            var received = pull.ReceiveMessage();
            var receivedCopy = received;
            receivedCopy.Dispose();
            if (!received.Data.IsEmpty || received.IsInitialized)
            {
                Console.WriteLine($"round {i}: a message disposed through a copy still reads as live");
                return 1;
            }
            received.Dispose();

            var sent = new ZmqMessage(payload);
            var sentCopy = sent;
            push.Send(ref sent);
            sentCopy.Dispose(); // the send already gave the message to libzmq
            var echoed = pull.ReceiveMessage();
            if (echoed.Size != payload.Length)
            {
                Console.WriteLine($"round {i}: received {echoed.Size} bytes");
                return 1;
            }
            echoed.Dispose();
        }
        Console.WriteLine("copies closed once: 2000 rounds");
        return 0;
    }
}
