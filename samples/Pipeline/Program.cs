// The classic push/pull pipeline: a PUSH ventilator sends "测试消息" every second to workers that
// forward each message (PULL in, PUSH out) to a PULL sink.
//   pipeline ventilator [--bind=tcp://*:5557] [--count=n] [--interval=ms] [--message=text] [--heartbeat=ms]
//   pipeline worker [--pull=tcp://127.0.0.1:5557] [--push=tcp://127.0.0.1:5558] [--count=n] [--timeout=ms] [--heartbeat=ms]
//   pipeline sink [--bind=tcp://*:5558] [--count=n] [--timeout=ms] [--heartbeat=ms]
// --heartbeat turns on ZMTP heartbeats and prints a "link" line when a connection is made or lost.
using Zmq;
using Zmq.Samples;

return SampleHost.Run("pipeline", args,
    new SampleRole("ventilator", ["bind", "count", "interval", "message", "heartbeat"], Ventilator),
    new SampleRole("worker", ["pull", "push", "count", "timeout", "heartbeat"], Worker),
    new SampleRole("sink", ["bind", "count", "timeout", "heartbeat"], Sink));

static void Ventilator(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Push);
    session.BindAndAnnounce(socket, "tcp://*:5557");
    string message = session.Options.Get("message", "测试消息");
    for (long sent = 0; session.KeepGoing(sent); sent++)
    {
        session.Pause();
        socket.SendString(message); // Blocks until a worker is connected: nothing is dropped.
        SampleSession.WriteLine("已发送");
    }
}

static void Worker(SampleSession session)
{
    using ZmqSocket receiver = session.CreateSocket(ZmqSocketType.Pull);
    using ZmqSocket sender = session.CreateSocket(ZmqSocketType.Push);
    session.Connect(receiver, "pull", "tcp://127.0.0.1:5557");
    session.Connect(sender, "push", "tcp://127.0.0.1:5558");
    for (long forwarded = 0; session.KeepGoing(forwarded); forwarded++)
    {
        string message = session.Receive(receiver);
        SampleSession.WriteLine("正在转发...");
        sender.SendString(message);
    }
}

static void Sink(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Pull);
    session.BindAndAnnounce(socket, "tcp://*:5558");
    for (long received = 0; session.KeepGoing(received); received++)
    {
        SampleSession.WriteLine($"response: {session.Receive(socket)}");
    }
}
