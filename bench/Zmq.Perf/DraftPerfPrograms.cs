namespace Zmq.Bench;

/// <summary>
/// The draft API's perf programs, in one process over tcp loopback (two threads), on the binding's
/// message calls: CLIENT/SERVER against the DEALER/ROUTER pair that does the same job with
/// envelopes, and one thread-safe CLIENT shared by two sending threads against a CLIENT per thread.
///   zmq-perf draft &lt;clientserver_thr|dealerrouter_thr|clientserver_lat|dealerrouter_lat|shared_thr|per_thread_thr&gt; &lt;size&gt; &lt;count&gt;
/// They print what the other perf programs print, so the runner reads them the same way.
/// </summary>
internal static class DraftPerfPrograms
{
    public const string Usage = "usage: draft <clientserver_thr|dealerrouter_thr|clientserver_lat|dealerrouter_lat|shared_thr|per_thread_thr> <message-size> <count>";

    public static int Run(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine(Usage);
            return 1;
        }
        long size = PerfReport.Positive(args[1], "message-size");
        long count = PerfReport.Positive(args[2], "count");
        using var context = new ZmqContext();
        switch (args[0])
        {
            case "clientserver_thr": Throughput(context, ZmqSocketType.Server, ZmqSocketType.Client, senders: 1, shared: false, size, count); break;
            case "dealerrouter_thr": Throughput(context, ZmqSocketType.Router, ZmqSocketType.Dealer, senders: 1, shared: false, size, count); break;
            case "shared_thr": Throughput(context, ZmqSocketType.Server, ZmqSocketType.Client, senders: 2, shared: true, size, count); break;
            case "per_thread_thr": Throughput(context, ZmqSocketType.Server, ZmqSocketType.Client, senders: 2, shared: false, size, count); break;
            case "clientserver_lat": Latency(context, ZmqSocketType.Server, ZmqSocketType.Client, size, count); break;
            case "dealerrouter_lat": Latency(context, ZmqSocketType.Router, ZmqSocketType.Dealer, size, count); break;
            default:
                Console.Error.WriteLine(Usage);
                return 1;
        }
        return 0;
    }

    /// <summary>
    /// <paramref name="senders"/> threads send <paramref name="count"/> messages in all, on one
    /// shared socket or one socket each; the receiver is timed from its first message to its last.
    /// </summary>
    private static void Throughput(ZmqContext context, ZmqSocketType receiverType, ZmqSocketType senderType, int senders, bool shared, long size, long count)
    {
        using var receiver = context.CreateSocket(receiverType);
        receiver.ReceiveHighWatermark = 0;
        receiver.Bind("tcp://127.0.0.1:*");
        string endpoint = receiver.LastEndpoint!;
        ZmqSocket? sharedSocket = shared ? Connected(context, senderType, endpoint) : null;
        var threads = Enumerable.Range(0, senders).Select(index => new Thread(() =>
        {
            ZmqSocket socket = sharedSocket ?? Connected(context, senderType, endpoint);
            long mine = count / senders + (index < count % senders ? 1 : 0);
            for (long i = 0; i < mine; i++)
            {
                var message = new ZmqMessage((int)size);
                socket.Send(ref message);
                message.Dispose();
            }
            if (sharedSocket is null)
            {
                socket.Dispose();
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        bool envelopes = receiverType == ZmqSocketType.Router;
        var frame = new ZmqMessage();
        ReceiveBody(receiver, ref frame, envelopes, size);
        var measurement = new Measurement();
        measurement.Start();
        for (long i = 1; i < count; i++)
        {
            ReceiveBody(receiver, ref frame, envelopes, size);
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        frame.Dispose();
        threads.ForEach(t => t.Join());
        sharedSocket?.Dispose();
        PerfReport.PrintThroughput(size, count, elapsed, allocated);
    }

    /// <summary>Round trips from the CLIENT (or DEALER) to an echoing SERVER (or ROUTER) on another thread.</summary>
    private static void Latency(ZmqContext context, ZmqSocketType echoType, ZmqSocketType requesterType, long size, long roundtrips)
    {
        using var echo = context.CreateSocket(echoType);
        echo.Bind("tcp://127.0.0.1:*");
        long total = roundtrips + PerfReport.LatencyWarmup;
        var echoThread = new Thread(() =>
        {
            var identity = new ZmqMessage();
            var body = new ZmqMessage();
            for (long i = 0; i < total; i++)
            {
                if (echoType == ZmqSocketType.Router)
                {
                    echo.ReceiveMessage(ref identity);
                    echo.ReceiveMessage(ref body);
                    echo.Send(ref identity, ZmqSendFlags.SendMore);
                    echo.Send(ref body);
                }
                else
                {
                    echo.ReceiveMessage(ref body); // keeps its routing id: the reply goes back there
                    echo.Send(ref body);
                }
            }
            identity.Dispose();
            body.Dispose();
        });
        echoThread.Start();
        using var requester = Connected(context, requesterType, echo.LastEndpoint!);
        var reply = new ZmqMessage();
        var measurement = new Measurement();
        for (long i = 0; i < total; i++)
        {
            measurement.AtRoundTrip(i);
            var request = new ZmqMessage((int)size);
            requester.Send(ref request);
            request.Dispose();
            requester.ReceiveMessage(ref reply);
            if (reply.Size != size)
            {
                throw new InvalidOperationException($"reply of wrong size {reply.Size} (expected {size})");
            }
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        reply.Dispose();
        echoThread.Join();
        PerfReport.PrintLatency(size, roundtrips, elapsed, allocated);
    }

    private static ZmqSocket Connected(ZmqContext context, ZmqSocketType type, string endpoint)
    {
        ZmqSocket socket = context.CreateSocket(type);
        socket.SendHighWatermark = 0;
        socket.Connect(endpoint);
        return socket;
    }

    /// <summary>One message's body: after the routing-id frame for a ROUTER; a SERVER keeps the id on the message.</summary>
    private static void ReceiveBody(ZmqSocket socket, ref ZmqMessage frame, bool envelope, long size)
    {
        if (envelope)
        {
            socket.ReceiveMessage(ref frame);
        }
        socket.ReceiveMessage(ref frame);
        if (frame.Size != size)
        {
            throw new InvalidOperationException($"message of wrong size {frame.Size} (expected {size})");
        }
    }
}
