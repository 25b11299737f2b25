using System.Diagnostics;

namespace Zmq.TestHost;

/// <summary>
/// An awaited send on a socket whose ZMQ_POLLOUT says "writable" while the send is refused (EAGAIN):
/// XPUB with XPUB_NODROP, ROUTER with ROUTER_MANDATORY, SERVER and PEER (draft), each at the
/// high-water mark of a peer that stopped reading. An engine that takes "ZMQ_EVENTS says ready" for
/// "retry now" completes its own waiter and loops on the caller's thread for ever; so the call is
/// made on a thread of its own, and one that does not return is reported, not waited out.
/// </summary>
/// <remarks>
/// Passes (exit 0, last line "ok") when SendAsync returned at once with a pending task, the process
/// used at most 0.1 s of CPU in the second it stayed parked, and after the peer drained the send
/// completed and its frame (numbered) arrived. A failure exits through <see cref="Environment.Exit"/>
/// without disposing anything: a spinning caller holds the socket, and closing the context under it
/// would wait for ever.
/// </remarks>
internal static class RefusedWhileReadyScenario
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ParkedWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CpuLimit = TimeSpan.FromSeconds(0.1);
    private static readonly TimeSpan ReceiveLimit = TimeSpan.FromSeconds(10);

    /// <summary>The sender's side and the reader's side of one configuration.</summary>
    private sealed class Case(ZmqContext context, ZmqSocket sender, ZmqSocket reader, int frameSize, ZmqSocket? bystander = null) : IDisposable
    {
        public ZmqSocket Sender { get; } = sender;

        public ZmqSocket Reader { get; } = reader;

        public int FrameSize { get; } = frameSize;

        /// <summary>Sends frame <c>sequence</c> without waiting; false at the high-water mark.</summary>
        public required Func<long, bool> TrySend { get; init; }

        /// <summary>Sends frame <c>sequence</c> with the call under test.</summary>
        public required Func<long, ValueTask> SendAsync { get; init; }

        /// <summary>Receives one frame and returns its number; null when none came in time.</summary>
        public required Func<long?> ReceiveOne { get; init; }

        public void Dispose()
        {
            Sender.Dispose();
            Reader.Dispose();
            bystander?.Dispose();
            context.Dispose();
        }
    }

    public static int Run(string kind, string transport)
    {
        Console.WriteLine($"backend={ZmqLibrary.AsyncBackend} inline={ZmqLibrary.AsyncInlineCompletions} kind={kind} transport={transport}");
        if (kind is "server" or "peer" && !ZmqLibrary.Has("draft"))
        {
            Console.WriteLine("skipped: the library has no draft API");
            return 0;
        }
        Case scenario = Create(kind, transport);

        // Fill up to the high-water mark, then start the awaited send on a thread of its own. Over tcp
        // the I/O thread keeps moving frames into the kernel for a while, so a send that completed
        // (at once or during the parked window) only means there was room again: fill again and
        // retry, until one stays parked for the whole window.
        long sequence = 0;
        ValueTask pending = default;
        TimeSpan cpu = TimeSpan.Zero;
        for (int attempt = 0; ; attempt++)
        {
            if (attempt == 20)
            {
                Fail("20 awaited sends completed while the peer read nothing: the high-water mark was never held");
            }
            pending = StartPendingSend(scenario, ref sequence);
            cpu = CpuOver(ParkedWindow);
            if (!pending.IsCompleted)
            {
                break;
            }
            pending.GetAwaiter().GetResult();
            Console.WriteLine($"frame #{sequence} was sent while parked (room came back): filling again");
            sequence++;
        }
        long awaited = sequence;
        Console.WriteLine($"pending after {awaited} frames");
        Console.WriteLine($"cpu while parked: {cpu.TotalSeconds:F3} s in {ParkedWindow.TotalSeconds} s");
        if (cpu > CpuLimit)
        {
            Fail($"the parked send used {cpu.TotalSeconds:F3} s of CPU in {ParkedWindow.TotalSeconds} s (limit {CpuLimit.TotalSeconds} s): it spins");
        }

        // The peer drains: the send must complete, and its frame arrive after all the earlier ones.
        Task sent = pending.AsTask();
        var draining = Stopwatch.StartNew();
        long expected = 0;
        while (expected <= awaited)
        {
            long? number = scenario.ReceiveOne();
            if (number is null)
            {
                Fail($"no frame within {ReceiveLimit.TotalSeconds} s while draining (expected #{expected} of {awaited}); send {sent.Status}");
            }
            if (number != expected)
            {
                Fail($"frame #{number} arrived where #{expected} was expected");
            }
            expected++;
        }
        if (!sent.Wait(ReceiveLimit))
        {
            Fail($"the frame arrived but the send did not complete within {ReceiveLimit.TotalSeconds} s");
        }
        // Reported, not asserted: well under the 100 ms back-off cap when the engine heard the edge.
        Console.WriteLine($"drained: {expected} frames, the awaited one last, in {draining.Elapsed.TotalMilliseconds:F1} ms");
        scenario.Dispose();
        Console.WriteLine("ok");
        return 0;
    }

    /// <summary>Fills to the high-water mark and starts the awaited send of frame <paramref name="sequence"/>, which must stay pending.</summary>
    private static ValueTask StartPendingSend(Case scenario, ref long sequence)
    {
        long next = sequence;
        ValueTask pending = default;
        bool returned = false;
        var caller = new Thread(() =>
        {
            for (int round = 0; round < 1_000; round++)
            {
                int filled = 0;
                while (scenario.TrySend(next))
                {
                    next++;
                    if (++filled > 1_000_000)
                    {
                        Fail($"{filled} frames sent without reaching the high-water mark");
                    }
                }
                pending = scenario.SendAsync(next);
                if (!pending.IsCompleted)
                {
                    Volatile.Write(ref returned, true);
                    return;
                }
                pending.GetAwaiter().GetResult();
                next++;
            }
            Fail("1000 awaited sends completed at once: the high-water mark was never reached");
        }) { IsBackground = true, Name = "send-async-caller" };
        caller.Start();
        if (!caller.Join(CallLimit))
        {
            // The old engine: the waiter completed by its own readiness check, over and over.
            TimeSpan spent = CpuOver(ParkedWindow);
            Fail($"SendAsync did not return within {CallLimit.TotalSeconds} s (it spins on the caller's thread: {spent.TotalSeconds:F2} s CPU in {ParkedWindow.TotalSeconds} s)");
        }
        if (!Volatile.Read(ref returned))
        {
            Fail("the caller thread ended without a pending send");
        }
        sequence = next;
        return pending;
    }

    private static TimeSpan CpuOver(TimeSpan window)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan before = process.TotalProcessorTime;
        Thread.Sleep(window); // the measurement itself: no event to wait for
        process.Refresh();
        return process.TotalProcessorTime - before;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message)
    {
        Console.WriteLine($"FAILED: {message}");
        Console.Out.Flush();
        Environment.Exit(1);
    }

    private static string Endpoint(string transport, string kind) => transport switch
    {
        "inproc" => $"inproc://refused-{kind}-{Environment.ProcessId}",
        "tcp" => "tcp://127.0.0.1:*",
        _ => throw new ArgumentException($"unknown transport '{transport}'"),
    };

    private static Case Create(string kind, string transport)
    {
        // Over tcp, large frames and small kernel buffers reach the high-water mark quickly.
        int frameSize = transport == "tcp" ? 64 * 1024 : 16;
        var context = new ZmqContext();
        return kind switch
        {
            "xpub-nodrop" => XPubNoDrop(context, transport, frameSize),
            "router-mandatory" => RouterMandatory(context, transport, frameSize),
            "server" => ServerToClient(context, transport, frameSize),
            "peer" => PeerToPeer(context, transport, frameSize),
            _ => throw new ArgumentException($"unknown kind '{kind}'"),
        };
    }

    private static void Limit(ZmqSocket sender, ZmqSocket reader, string transport)
    {
        sender.SendHighWatermark = 1;
        reader.ReceiveHighWatermark = 1;
        sender.Linger = reader.Linger = TimeSpan.Zero;
        reader.ReceiveTimeout = ReceiveLimit;
        if (transport == "tcp")
        {
            sender.SendBuffer = reader.ReceiveBuffer = 16 * 1024;
        }
    }

    private static byte[] Frame(long sequence, int size)
    {
        byte[] frame = new byte[size];
        BitConverter.TryWriteBytes(frame, sequence);
        return frame;
    }

    private static long? Number(bool received, ReadOnlySpan<byte> frame) => received ? BitConverter.ToInt64(frame) : null;

    private static Case XPubNoDrop(ZmqContext context, string transport, int frameSize)
    {
        var xpub = context.CreateSocket(ZmqSocketType.XPub);
        var sub = context.CreateSocket(ZmqSocketType.Sub);
        Limit(xpub, sub, transport);
        xpub.SetXPubNoDrop(true);
        xpub.ReceiveTimeout = ReceiveLimit;
        xpub.Bind(Endpoint(transport, "xpub"));
        sub.Connect(xpub.LastEndpoint);
        sub.Subscribe(ReadOnlySpan<byte>.Empty);
        // The subscription must have reached the XPUB, or every frame is dropped for want of a subscriber.
        if (!xpub.TryReceive(new byte[8], out _))
        {
            Fail("the subscription never reached the XPUB");
        }
        byte[] buffer = new byte[frameSize];
        return new Case(context, xpub, sub, frameSize)
        {
            TrySend = n => xpub.TrySend(Frame(n, frameSize), ZmqSendFlags.DontWait),
            SendAsync = n => xpub.SendAsync(Frame(n, frameSize)),
            ReceiveOne = () => Number(sub.TryReceive(buffer, out _), buffer),
        };
    }

    private static Case RouterMandatory(ZmqContext context, string transport, int frameSize)
    {
        var router = context.CreateSocket(ZmqSocketType.Router);
        var dealer = context.CreateSocket(ZmqSocketType.Dealer);
        Limit(router, dealer, transport);
        router.SetRouterMandatory(true);
        router.ReceiveTimeout = ReceiveLimit;
        dealer.RoutingId = "reader"u8.ToArray();
        router.Bind(Endpoint(transport, "router"));
        dealer.Connect(router.LastEndpoint);
        dealer.Send("hello"u8);
        byte[] id = new byte[16];
        if (!router.TryReceive(id, out ZmqReceiveResult identity) || !router.TryReceive(new byte[8], out _))
        {
            Fail("the DEALER's hello never reached the ROUTER");
        }
        byte[] peer = id[..identity.BytesWritten];
        // A second peer with room: ROUTER_MANDATORY reports POLLOUT while any peer can take a frame,
        // so the send to the full one is refused under "writable". (With one peer the old engine
        // parked correctly: POLLOUT was off.)
        var other = context.CreateSocket(ZmqSocketType.Dealer);
        other.Linger = TimeSpan.Zero;
        other.RoutingId = "other"u8.ToArray();
        other.Connect(router.LastEndpoint);
        other.Send("hello"u8);
        if (!router.TryReceive(id, out _) || !router.TryReceive(new byte[8], out _))
        {
            Fail("the second DEALER's hello never reached the ROUTER");
        }
        byte[] buffer = new byte[frameSize];
        return new Case(context, router, dealer, frameSize, other)
        {
            TrySend = n => router.TrySendMultipart([peer, Frame(n, frameSize)], ZmqSendFlags.DontWait),
            SendAsync = n => router.SendMultipartAsync([peer, Frame(n, frameSize)]),
            ReceiveOne = () => Number(dealer.TryReceive(buffer, out _), buffer),
        };
    }

    private static Case ServerToClient(ZmqContext context, string transport, int frameSize)
    {
        var server = context.CreateSocket(ZmqSocketType.Server);
        var client = context.CreateSocket(ZmqSocketType.Client);
        Limit(server, client, transport);
        server.ReceiveTimeout = ReceiveLimit;
        server.Bind(Endpoint(transport, "server"));
        client.Connect(server.LastEndpoint);
        client.Send("hello"u8);
        uint peer = 0;
        try
        {
            server.Receive(new byte[8], out peer);
        }
        catch (ZmqException e) when (e.Error == ZmqError.TryAgain)
        {
            Fail("the CLIENT's hello never reached the SERVER");
        }
        byte[] buffer = new byte[frameSize];
        return new Case(context, server, client, frameSize)
        {
            TrySend = n => TryAddressed(server, Frame(n, frameSize), peer),
            SendAsync = n => server.SendAsync(Frame(n, frameSize), peer),
            ReceiveOne = () => Number(client.TryReceive(buffer, out _), buffer),
        };
    }

    private static Case PeerToPeer(ZmqContext context, string transport, int frameSize)
    {
        var sender = context.CreateSocket(ZmqSocketType.Peer);
        var reader = context.CreateSocket(ZmqSocketType.Peer);
        Limit(sender, reader, transport);
        reader.Bind(Endpoint(transport, "peer"));
        uint peer = sender.ConnectPeer(reader.LastEndpoint);
        byte[] buffer = new byte[frameSize];
        return new Case(context, sender, reader, frameSize)
        {
            TrySend = n => TryAddressed(sender, Frame(n, frameSize), peer),
            SendAsync = n => sender.SendAsync(Frame(n, frameSize), peer),
            ReceiveOne = () =>
            {
                try
                {
                    reader.Receive(buffer, out uint _);
                    return BitConverter.ToInt64(buffer);
                }
                catch (ZmqException e) when (e.Error == ZmqError.TryAgain)
                {
                    return null;
                }
            },
        };
    }

    private static bool TryAddressed(ZmqSocket socket, byte[] frame, uint peer)
    {
        try
        {
            socket.Send(frame, peer, ZmqSendFlags.DontWait);
            return true;
        }
        catch (ZmqException e) when (e.Error == ZmqError.TryAgain)
        {
            return false;
        }
    }
}
