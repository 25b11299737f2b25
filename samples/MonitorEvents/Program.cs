// Prints a socket's connection events as they happen (zmq_socket_monitor).
//   monitorevents watch --connect=<endpoint> [--count=n] [--timeout=ms]   a DEALER connecting out
//   monitorevents listen [--bind=tcp://*:5559] [--count=n] [--timeout=ms] a ROUTER accepting peers
using Zmq;
using Zmq.Samples;

return SampleHost.Run("monitorevents", args,
    new SampleRole("watch", ["connect", "count", "timeout"], Watch),
    new SampleRole("listen", ["bind", "count", "timeout"], Listen));

static void Watch(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Dealer);
    using var monitor = new ZmqMonitor(socket);
    session.Connect(socket, "connect", "tcp://127.0.0.1:5559");
    Print(session, monitor);
}

static void Listen(SampleSession session)
{
    using ZmqSocket socket = session.CreateSocket(ZmqSocketType.Router);
    using var monitor = new ZmqMonitor(socket);
    session.BindAndAnnounce(socket, "tcp://*:5559");
    Print(session, monitor);
}

static void Print(SampleSession session, ZmqMonitor monitor)
{
    TimeSpan wait = session.Timeout ?? Timeout.InfiniteTimeSpan;
    for (long printed = 0; session.KeepGoing(printed); printed++)
    {
        if (!monitor.TryReceive(out ZmqMonitorEvent e, wait == Timeout.InfiniteTimeSpan ? TimeSpan.FromDays(1) : wait))
        {
            if (session.StopRequested)
            {
                throw new OperationCanceledException();
            }
            throw new SampleTimeoutException($"no event within {wait.TotalMilliseconds} ms (--timeout)");
        }
        SampleSession.WriteLine($"event {e.Type} {e.Endpoint} value={e.Value}");
    }
}
