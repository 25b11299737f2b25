using System.Globalization;
using Zmq;
using Zmq.Samples;

/// <summary>The Guide's Lazy Pirate pair: a client that retries by replacing its socket, and a server that fails on purpose.</summary>
internal static class ReliabilityExamples
{
    public static void LazyPirateServer(SampleSession session)
    {
        using ZmqSocket server = session.CreateSocket(ZmqSocketType.Rep);
        session.BindAndAnnounce(server, "tcp://*:5555");
        long failAfter = session.Options.PositiveNumber("fail-after") ?? long.MaxValue;
        for (long cycles = 1; session.KeepGoing(cycles - 1); cycles++)
        {
            string request = session.Receive(server);
            if (cycles > failAfter)
            {
                // The Guide's server simulates a crash or an overload; this one goes silent and exits.
                SampleSession.WriteLine("I: simulating a crash");
                return;
            }
            SampleSession.WriteLine($"I: normal request ({request})");
            server.SendString(request);
        }
    }

    public static void LazyPirateClient(SampleSession session)
    {
        string endpoint = session.Options.Get("connect", "tcp://localhost:5555");
        TimeSpan timeout = session.Timeout ?? TimeSpan.FromMilliseconds(2500);
        long retries = session.Options.PositiveNumber("retries") ?? 3;
        long requests = session.Count ?? 10;
        ZmqSocket client = NewClient(session, endpoint);
        using var poller = new ZmqPoller();
        int item = poller.Add(client, ZmqPollEvents.In);
        try
        {
            for (long sequence = 1; sequence <= requests; sequence++)
            {
                string request = sequence.ToString(CultureInfo.InvariantCulture);
                client.SendString(request);
                for (long retriesLeft = retries; ; )
                {
                    if (poller.Poll(timeout) > 0 && poller.IsReadable(item))
                    {
                        string reply = client.ReceiveString();
                        if (reply == request)
                        {
                            SampleSession.WriteLine($"I: server replied OK ({reply})");
                            break;
                        }
                        SampleSession.WriteLine($"E: malformed reply from server: {reply}");
                        continue;
                    }
                    if (--retriesLeft == 0)
                    {
                        SampleSession.WriteLine("E: server seems to be offline, abandoning");
                        throw new SampleTimeoutException($"no reply to request {request} after {retries} tries");
                    }
                    SampleSession.WriteLine("W: no response from server, retrying…");
                    // A REQ that got no reply cannot send again: replace it, in the poller too, and resend.
                    client.Dispose();
                    client = NewClient(session, endpoint);
                    poller.Replace(item, client, ZmqPollEvents.In);
                    client.SendString(request);
                }
            }
        }
        finally
        {
            client.Dispose();
        }
    }

    private static ZmqSocket NewClient(SampleSession session, string endpoint)
    {
        SampleSession.WriteLine("I: connecting to server…");
        ZmqSocket client = session.Context.CreateSocket(ZmqSocketType.Req);
        client.Linger = TimeSpan.Zero; // an unanswered request is dropped, not waited on at exit
        client.Connect(endpoint);
        return client;
    }
}
