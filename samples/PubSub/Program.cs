// The classic publish-subscribe demo: a PUB publisher broadcasts "消息群发" every second; SUB
// subscribers (run two) print what they get. PUB drops what it sends before a subscriber's
// subscription has arrived ("slow joiner"); with --subscribers=n the publisher first waits for n
// subscriptions (an XPUB socket: a PUB that hands them to the application) and loses nothing.
//   pubsub publisher [--bind=tcp://*:5555] [--count=n] [--interval=ms] [--message=text] [--subscribers=n] [--timeout=ms]
//   pubsub subscriber [--connect=tcp://localhost:5555] [--topic=prefix] [--count=n] [--timeout=ms]
using Zmq;
using Zmq.Samples;

return SampleHost.Run("pubsub", args,
    new SampleRole("publisher", ["bind", "count", "interval", "message", "subscribers", "timeout"], Publisher),
    new SampleRole("subscriber", ["connect", "topic", "count", "timeout"], Subscriber));

static void Publisher(SampleSession session)
{
    long subscribers = session.Options.PositiveNumber("subscribers") ?? 0;
    using ZmqSocket socket = session.CreateSocket(subscribers > 0 ? ZmqSocketType.XPub : ZmqSocketType.Pub);
    if (subscribers > 0)
    {
        socket.SetXPubVerbose(true); // every subscriber's subscription, also a repeated topic
    }
    session.BindAndAnnounce(socket, "tcp://*:5555");
    for (long joined = 0; joined < subscribers; joined++)
    {
        // A subscription is the frame 0x01 + topic; once XPUB hands it over, the subscriber is in
        // its distribution list, so every message sent from here on reaches it.
        string subscription = session.Receive(socket);
        SampleSession.WriteLine($"subscribed: {subscription[1..]}");
    }
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
