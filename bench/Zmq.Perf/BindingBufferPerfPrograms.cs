namespace Zmq.Bench;

/// <summary>
/// The perf programs on this binding's blocking calls through reused buffers (<c>Send(span)</c>,
/// <c>Receive(span)</c>: one copy each way), as the async programs send and receive: with these,
/// async ÷ sync is the async engine's own cost, not the difference between copying and zero-copy
/// messages (which dominates at 64 KiB over inproc). <c>zmq-perf --buffers &lt;program&gt; …</c>.
/// </summary>
internal sealed class BindingBufferPerfPrograms : IPerfPrograms
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

    private static void ReceiveAndReport(ZmqSocket socket, long size, long count)
    {
        var buffer = new byte[size];
        Receive(socket, buffer, size);
        var measurement = new Measurement();
        measurement.Start();
        for (long i = 1; i < count; i++)
        {
            Receive(socket, buffer, size);
        }
        PerfReport.PrintThroughput(size, count, measurement.Elapsed, measurement.Allocated);
    }

    private static void SendMessages(ZmqSocket socket, long size, long count)
    {
        var buffer = new byte[size];
        for (long i = 0; i < count; i++)
        {
            socket.Send(buffer);
        }
    }

    private static void Echo(ZmqSocket socket, long size, long count)
    {
        var buffer = new byte[size];
        for (long i = 0; i < count; i++)
        {
            Receive(socket, buffer, size);
            socket.Send(buffer);
        }
    }

    private static void MeasureRoundTrips(ZmqSocket socket, long size, long roundtrips)
    {
        var buffer = new byte[size];
        var measurement = new Measurement();
        for (long i = 0; i < roundtrips + PerfReport.LatencyWarmup; i++)
        {
            measurement.AtRoundTrip(i);
            socket.Send(buffer);
            Receive(socket, buffer, size);
        }
        PerfReport.PrintLatency(size, roundtrips, measurement.Elapsed, measurement.Allocated);
    }

    private static void Receive(ZmqSocket socket, byte[] buffer, long size)
    {
        ZmqReceiveResult result = socket.Receive(buffer);
        if (result.FrameLength != size)
        {
            throw new InvalidOperationException($"message of wrong size {result.FrameLength} (expected {size})");
        }
    }
}
