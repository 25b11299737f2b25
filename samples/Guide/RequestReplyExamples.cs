using Zmq;
using Zmq.Samples;

/// <summary>The Guide's chapter 1 hello-world pair: a REP server and a REQ client.</summary>
internal static class RequestReplyExamples
{
    public static void HelloWorldServer(SampleSession session)
    {
        using ZmqSocket responder = session.CreateSocket(ZmqSocketType.Rep);
        session.BindAndAnnounce(responder, "tcp://*:5555");
        for (long served = 0; session.KeepGoing(served); served++)
        {
            SampleSession.WriteLine($"Received {session.Receive(responder)}");
            responder.SendString("World");
        }
    }

    public static void HelloWorldClient(SampleSession session)
    {
        using ZmqSocket requester = session.CreateSocket(ZmqSocketType.Req);
        session.Connect(requester, "connect", "tcp://localhost:5555");
        long count = session.Count ?? 10;
        for (long n = 0; n < count; n++)
        {
            SampleSession.WriteLine($"Sending Hello {n}…");
            requester.SendString("Hello");
            SampleSession.WriteLine($"Received {session.Receive(requester)} {n}");
        }
    }
}
