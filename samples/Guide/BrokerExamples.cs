using Zmq;
using Zmq.Samples;

/// <summary>The Guide's request-reply brokers: rrclient/rrworker through rrbroker (a poller) or msgqueue (a proxy), and mtserver.</summary>
internal static class BrokerExamples
{
    public static void Client(SampleSession session)
    {
        using ZmqSocket requester = session.CreateSocket(ZmqSocketType.Req);
        session.Connect(requester, "connect", "tcp://localhost:5559");
        long count = session.Count ?? 10;
        for (long n = 0; n < count; n++)
        {
            requester.SendString("Hello");
            SampleSession.WriteLine($"Received reply {n} [{session.Receive(requester)}]");
        }
    }

    public static void Worker(SampleSession session)
    {
        using ZmqSocket responder = session.CreateSocket(ZmqSocketType.Rep);
        session.Connect(responder, "connect", "tcp://localhost:5560");
        for (long served = 0; session.KeepGoing(served); served++)
        {
            SampleSession.WriteLine($"Received request: [{session.Receive(responder)}]");
            responder.SendString("World");
        }
    }

    /// <summary>rrbroker: polls both sides and forwards whole messages, zero-copy, whichever way they go.</summary>
    public static void PollingBroker(SampleSession session)
    {
        using ZmqSocket frontend = session.CreateSocket(ZmqSocketType.Router);
        using ZmqSocket backend = session.CreateSocket(ZmqSocketType.Dealer);
        Bind(session, frontend, "frontend", "tcp://*:5559");
        Bind(session, backend, "backend", "tcp://*:5560");
        using var poller = new ZmqPoller();
        int front = poller.Add(frontend, ZmqPollEvents.In);
        int back = poller.Add(backend, ZmqPollEvents.In);
        long forwarded = 0;
        while (session.KeepGoing(forwarded))
        {
            if (poller.Poll(session.Timeout ?? Timeout.InfiniteTimeSpan) == 0)
            {
                throw new SampleTimeoutException($"no traffic within {session.Timeout?.TotalMilliseconds} ms (--timeout)");
            }
            if (poller.IsReadable(front))
            {
                frontend.ForwardMessageTo(backend);
            }
            if (poller.IsReadable(back))
            {
                backend.ForwardMessageTo(frontend);
                forwarded++; // a request answered
            }
        }
        SampleSession.WriteLine($"brokered {forwarded} requests");
    }

    /// <summary>msgqueue: the same broker as one zmq_proxy call.</summary>
    public static void ProxyBroker(SampleSession session)
    {
        using ZmqSocket frontend = session.CreateSocket(ZmqSocketType.Router);
        using ZmqSocket backend = session.CreateSocket(ZmqSocketType.Dealer);
        Bind(session, frontend, "frontend", "tcp://*:5559");
        Bind(session, backend, "backend", "tcp://*:5560");
        ZmqProxy.Run(frontend, backend); // until the context is shut down (Ctrl-C, SIGTERM)
    }

    /// <summary>mtserver: worker threads behind a proxy, each a REP on an inproc endpoint.</summary>
    public static void MultithreadedServer(SampleSession session)
    {
        using ZmqSocket clients = session.CreateSocket(ZmqSocketType.Router);
        session.BindAndAnnounce(clients, "tcp://*:5555");
        using ZmqSocket workers = session.CreateSocket(ZmqSocketType.Dealer);
        workers.Bind("inproc://workers");
        long answered = 0, wanted = session.Count ?? long.MaxValue;
        int workerCount = (int)(session.Options.PositiveNumber("workers") ?? 5);
        var threads = Enumerable.Range(1, workerCount).Select(id => new Thread(() =>
        {
            using ZmqSocket responder = session.Context.CreateSocket(ZmqSocketType.Rep);
            responder.Connect("inproc://workers");
            try
            {
                while (true)
                {
                    SampleSession.WriteLine($"Worker {id} received request: [{responder.ReceiveString()}]");
                    responder.SendString("World");
                    Interlocked.Increment(ref answered);
                }
            }
            catch (ZmqContextTerminatedException)
            {
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Task proxy = ZmqProxy.RunAsync(clients, workers);
        while (Interlocked.Read(ref answered) < wanted && !proxy.IsCompleted)
        {
            Thread.Sleep(10);
        }
        Thread.Sleep(200); // the last replies leave before the shutdown ends the proxy and the workers
        session.Context.Shutdown();
        proxy.Wait();
        threads.ForEach(t => t.Join());
        SampleSession.WriteLine($"answered {Interlocked.Read(ref answered)} requests with {workerCount} worker threads");
    }

    private static void Bind(SampleSession session, ZmqSocket socket, string option, string defaultEndpoint)
    {
        socket.Bind(session.Options.Get(option, defaultEndpoint));
        SampleSession.WriteLine($"bound {socket.LastEndpoint}");
    }
}
