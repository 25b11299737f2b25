// The classic request-reply demo: a REP server answers "I am OK!" to each "Are you OK?" of a REQ client.
//   requestreply server [--bind=tcp://*:5555] [--count=n] [--timeout=ms] [--message=text] [--heartbeat=ms]
//   requestreply client [--connect=tcp://localhost:5555] [--count=n] [--timeout=ms] [--message=text]
//                       [--heartbeat=ms] [--interval=ms] [--retries=n] [--request-timeout=ms]
// With --retries the client is the guide's Lazy Pirate: a request unanswered within --request-timeout
// is sent again, up to n times, on the same socket (REQ_RELAXED + REQ_CORRELATE drop a late reply to
// an earlier copy), so it rides out a lost link or a restarted server.
using Zmq;
using Zmq.Samples;

return SampleHost.Run("requestreply", args,
    new SampleRole("server", ["bind", "count", "timeout", "message", "heartbeat"], Server),
    new SampleRole("client", ["connect", "count", "timeout", "message", "heartbeat", "interval", "retries", "request-timeout"], Client));

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
    long? retries = session.Options.PositiveNumber("retries");
    TimeSpan requestTimeout = session.Options.Milliseconds("request-timeout") ?? TimeSpan.FromMilliseconds(2500);
    if (retries is not null)
    {
        socket.SetRequestRelaxed(true);
        socket.SetRequestCorrelate(true);
        socket.ReceiveTimeout = requestTimeout;
        // With no connection at all a REQ send would block; a bounded send makes that a retry too.
        socket.SendTimeout = requestTimeout;
    }
    session.Connect(socket, "connect", "tcp://localhost:5555");
    string request = session.Options.Get("message", "Are you OK?");
    bool paced = session.Options.Find("interval") is not null;
    // The original client asks once; --count asks that many times.
    long count = session.Count ?? 1;
    for (long asked = 0; asked < count && !session.StopRequested; asked++)
    {
        if (paced && asked > 0)
        {
            session.Pause();
        }
        string reply = retries is long limit ? AskLazily(socket, request, limit, requestTimeout) : Ask(session, socket, request);
        SampleSession.WriteLine($"response: {reply}");
    }
}

static string Ask(SampleSession session, ZmqSocket socket, string request)
{
    socket.SendString(request);
    return session.Receive(socket);
}

static string AskLazily(ZmqSocket socket, string request, long retries, TimeSpan requestTimeout)
{
    for (long attempt = 0; ; attempt++)
    {
        if (socket.TrySendString(request) && socket.TryReceiveString(out string? reply))
        {
            return reply;
        }
        if (attempt == retries)
        {
            throw new SampleTimeoutException(
                $"no reply after {retries + 1} attempts of {requestTimeout.TotalMilliseconds} ms (--retries, --request-timeout)");
        }
        SampleSession.WriteLine($"no reply within {requestTimeout.TotalMilliseconds} ms, retrying ({attempt + 1} of {retries})");
    }
}
