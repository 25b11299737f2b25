using System.Text;
using Zmq;
using Zmq.Samples;

/// <summary>The Guide's identity demo and its asynchronous client/server (asyncsrv).</summary>
internal static class RoutingExamples
{
    /// <summary>A ROUTER sees each peer's routing id as the first frame: a generated one, then one the peer chose.</summary>
    public static void Identity(SampleSession session)
    {
        using ZmqSocket sink = session.CreateSocket(ZmqSocketType.Router);
        sink.Bind("inproc://example");
        using ZmqSocket anonymous = session.CreateSocket(ZmqSocketType.Req);
        anonymous.Connect("inproc://example");
        anonymous.SendString("ROUTER uses a generated 5 byte identity");
        Dump(sink.ReceiveMultipart());
        using ZmqSocket identified = session.CreateSocket(ZmqSocketType.Req);
        identified.RoutingIdString = "PEER2";
        identified.Connect("inproc://example");
        identified.SendString("ROUTER socket uses REQ's socket identity");
        Dump(sink.ReceiveMultipart());
    }

    /// <summary>Clients (DEALER, each with an id) talk to a ROUTER frontend; workers answer through an inproc DEALER backend, several replies per request.</summary>
    public static void AsyncServer(SampleSession session)
    {
        using ZmqSocket frontend = session.CreateSocket(ZmqSocketType.Router);
        frontend.Bind("tcp://127.0.0.1:*");
        string endpoint = frontend.LastEndpoint!; // read before the proxy owns the socket (it holds its gate)
        using ZmqSocket backend = session.CreateSocket(ZmqSocketType.Dealer);
        backend.Bind("inproc://backend");
        Task proxy = ZmqProxy.RunAsync(frontend, backend);
        var workers = Enumerable.Range(1, 5).Select(_ => Task.Run(() => Worker(session))).ToList();
        int clientCount = (int)(session.Options.PositiveNumber("clients") ?? 3);
        long requests = session.Count ?? 5;
        var clients = Enumerable.Range(1, clientCount)
            .Select(id => Task.Run(() => Client(session, endpoint, $"client-{id}", requests)))
            .ToArray();
        bool done = Task.WaitAll(clients, session.Timeout ?? Timeout.InfiniteTimeSpan);
        session.Context.Shutdown(); // ends the proxy and the workers
        proxy.Wait();
        Task.WaitAll([.. workers]);
        if (!done)
        {
            throw new SampleTimeoutException($"the clients did not get their replies within {session.Timeout?.TotalMilliseconds} ms (--timeout)");
        }
        SampleSession.WriteLine($"asyncsrv: {clientCount} clients each got replies to {requests} requests");
    }

    private static void Client(SampleSession session, string endpoint, string id, long requests)
    {
        using ZmqSocket client = session.Context.CreateSocket(ZmqSocketType.Dealer);
        client.RoutingIdString = id;
        client.Linger = TimeSpan.Zero;
        client.Connect(endpoint);
        client.ReceiveTimeout = TimeSpan.FromMilliseconds(10);
        var replied = new HashSet<string>();
        for (long n = 1; n <= requests; n++)
        {
            client.SendString($"request #{n}");
        }
        // Replies come back in any number and order; keep reading until each request has had one.
        var deadline = DateTime.UtcNow + (session.Timeout ?? TimeSpan.FromSeconds(30));
        while (replied.Count < requests && DateTime.UtcNow < deadline)
        {
            if (client.TryReceiveString(out string? reply))
            {
                SampleSession.WriteLine($"{id} received: {reply}");
                replied.Add(reply);
            }
        }
    }

    private static void Worker(SampleSession session)
    {
        using ZmqSocket worker = session.Context.CreateSocket(ZmqSocketType.Dealer);
        worker.Connect("inproc://backend");
        var random = new Random();
        try
        {
            while (true)
            {
                // [client id][request]: reply 1–3 times to the same client id.
                List<byte[]> frames = worker.ReceiveMultipart();
                int replies = random.Next(1, 4);
                for (int i = 0; i < replies; i++)
                {
                    Thread.Sleep(random.Next(1, 5));
                    worker.SendMultipart(frames);
                }
            }
        }
        catch (ZmqContextTerminatedException)
        {
        }
    }

    private static void Dump(List<byte[]> frames)
    {
        SampleSession.WriteLine("----------------------------------------");
        foreach (byte[] frame in frames)
        {
            bool text = frame.All(b => b is >= 32 and < 127);
            SampleSession.WriteLine($"[{frame.Length:D3}] {(text ? Encoding.ASCII.GetString(frame) : Convert.ToHexString(frame))}");
        }
    }
}
