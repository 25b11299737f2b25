namespace Zmq.Bench;

/// <summary>
/// The perf programs' sockets on this binding's blocking calls (PULL/PUSH, REP/REQ, over an
/// endpoint or inproc between two threads, as libzmq's perf tools set them up); the derived
/// programs say how a message is sent and received: as messages (<see cref="BindingPerfPrograms"/>)
/// or through reused buffers (<see cref="BindingBufferPerfPrograms"/>).
/// </summary>
internal abstract class BindingSyncPerfPrograms : IPerfPrograms
{
    public void LocalThroughput(string endpoint, long size, long count)
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Pull);
        socket.Bind(endpoint);
        ReceiveAndReport(socket, size, count);
    }

    public void RemoteThroughput(string endpoint, long size, long count)
    {
        using var context = new ZmqContext { DefaultLinger = Timeout.InfiniteTimeSpan };
        using var socket = context.CreateSocket(ZmqSocketType.Push);
        socket.Connect(endpoint);
        SendMessages(socket, size, count);
    }

    public void LocalLatency(string endpoint, long size, long roundtrips)
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Rep);
        socket.Bind(endpoint);
        Echo(socket, size, roundtrips + PerfReport.LatencyWarmup);
    }

    public void RemoteLatency(string endpoint, long size, long roundtrips)
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Req);
        socket.Connect(endpoint);
        MeasureRoundTrips(socket, size, roundtrips);
    }

    public void InprocThroughput(long size, long count)
    {
        using var context = new ZmqContext();
        using var receiver = context.CreateSocket(ZmqSocketType.Pull);
        receiver.Bind("inproc://thr_test");
        var sender = new Thread(() =>
        {
            using var socket = context.CreateSocket(ZmqSocketType.Push);
            socket.Connect("inproc://thr_test");
            SendMessages(socket, size, count);
        });
        sender.Start();
        ReceiveAndReport(receiver, size, count);
        sender.Join();
    }

    public void InprocLatency(long size, long roundtrips)
    {
        using var context = new ZmqContext();
        using var requester = context.CreateSocket(ZmqSocketType.Req);
        requester.Bind("inproc://lat_test");
        var echo = new Thread(() =>
        {
            using var socket = context.CreateSocket(ZmqSocketType.Rep);
            socket.Connect("inproc://lat_test");
            Echo(socket, size, roundtrips + PerfReport.LatencyWarmup);
        });
        echo.Start();
        MeasureRoundTrips(requester, size, roundtrips);
        echo.Join();
    }

    /// <summary>Receives <paramref name="count"/> messages, timing from the first, and prints the throughput.</summary>
    protected abstract void ReceiveAndReport(ZmqSocket socket, long size, long count);

    /// <summary>Sends <paramref name="count"/> messages of <paramref name="size"/> bytes.</summary>
    protected abstract void SendMessages(ZmqSocket socket, long size, long count);

    /// <summary>Sends back each of <paramref name="count"/> messages it receives.</summary>
    protected abstract void Echo(ZmqSocket socket, long size, long count);

    /// <summary>Makes the warm-up and <paramref name="roundtrips"/> timed round trips and prints the latency.</summary>
    protected abstract void MeasureRoundTrips(ZmqSocket socket, long size, long roundtrips);
}
