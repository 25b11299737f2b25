// The classic publish-subscribe demo: a PUB publisher broadcasts "消息群发" every second; SUB
// subscribers (run two) print what they get.
//   pubsub publisher [--bind=tcp://*:5555] [--count=n] [--interval=ms] [--message=text]
//   pubsub subscriber [--connect=tcp://localhost:5555] [--topic=prefix] [--count=n] [--timeout=ms]
using Zmq;
using Zmq.Samples;

return SampleHost.Run("pubsub", args,
    new SampleRole("publisher", ["bind", "count", "interval", "message"], Publisher),
    new SampleRole("subscriber", ["connect", "topic", "count", "timeout"], Subscriber));

static void Publisher(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Pub);
    session.BindAndAnnounce(socket, "tcp://*:5555");
    string message = session.Options.Get("message", "消息群发");
    for (long sent = 0; session.KeepGoing(sent); sent++)
    {
        // Pause first: subscribers that connect right after the bind are not too late for the
        // first message (PUB drops messages for peers still joining).
        session.Pause();
        socket.SendString(message);
        SampleSession.WriteLine("发送消息");
    }
}

static void Subscriber(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Sub);
    session.Connect(socket, "connect", "tcp://localhost:5555");
    socket.Subscribe(session.Options.Get("topic", string.Empty));
    for (long received = 0; session.KeepGoing(received); received++)
    {
        SampleSession.WriteLine($"response: {session.Receive(socket)}");
    }
}
