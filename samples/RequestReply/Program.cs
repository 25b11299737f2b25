// The classic request-reply demo: a REP server answers "I am OK!" to each "Are you OK?" of a REQ client.
//   requestreply server [--bind tcp://*:5555] [--count n] [--timeout ms] [--message text]
//   requestreply client [--connect tcp://localhost:5555] [--count n] [--timeout ms] [--message text]
using Zmq;
using Zmq.Samples;

return SampleHost.Run("requestreply", args,
    new SampleRole("server", ["bind", "count", "timeout", "message"], Server),
    new SampleRole("client", ["connect", "count", "timeout", "message"], Client));

static void Server(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Rep);
    session.BindAndAnnounce(socket, "tcp://*:5555");
    string reply = session.Options.Get("message", "I am OK!");
    for (long handled = 0; session.KeepGoing(handled); handled++)
    {
        string request = session.Receive(socket);
        SampleSession.WriteLine($"Received: {request}");
        socket.SendString(reply);
    }
}

static void Client(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Req);
    session.Connect(socket, "connect", "tcp://localhost:5555");
    string request = session.Options.Get("message", "Are you OK?");
    // The original client asks once; --count asks that many times.
    long count = session.Count ?? 1;
    for (long asked = 0; asked < count && !session.StopRequested; asked++)
    {
        socket.SendString(request);
        SampleSession.WriteLine($"response: {session.Receive(socket)}");
    }
}
