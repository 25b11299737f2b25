namespace Zmq.Bench;

/// <summary>
/// The perf programs on this binding's async API: every send is an awaited <c>SendAsync</c> of a
/// reused buffer, every receive an awaited <c>ReceiveAsync</c> into one (the awaits complete
/// synchronously while data is queued and park on the reactor when it is not). Same socket settings
/// as <see cref="BindingPerfPrograms"/>, so the two rows differ only by the API.
/// </summary>
internal sealed class BindingAsyncPerfPrograms : IPerfPrograms
{
    public void LocalThroughput(string endpoint, long size, long count)
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Pull);
        socket.Bind(endpoint);
        ReceiveAndReport(socket, size, count).GetAwaiter().GetResult();
    }

    public void RemoteThroughput(string endpoint, long size, long count)
    {
        using var context = new ZmqContext { DefaultLinger = Timeout.InfiniteTimeSpan };
        using var socket = context.CreateSocket(ZmqSocketType.Push);
        socket.Connect(endpoint);
        SendMessages(socket, size, count).GetAwaiter().GetResult();
    }

    public void LocalLatency(string endpoint, long size, long roundtrips)
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Rep);
        socket.Bind(endpoint);
        Echo(socket, size, roundtrips + PerfReport.LatencyWarmup).GetAwaiter().GetResult();
    }

    public void RemoteLatency(string endpoint, long size, long roundtrips)
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Req);
        socket.Connect(endpoint);
        MeasureRoundTrips(socket, size, roundtrips).GetAwaiter().GetResult();
    }

    public void InprocThroughput(long size, long count)
    {
        using var context = new ZmqContext();
        using var receiver = context.CreateSocket(ZmqSocketType.Pull);
        using var sender = context.CreateSocket(ZmqSocketType.Push);
        receiver.Bind("inproc://thr_test");
        sender.Connect("inproc://thr_test");
        Task sending = Task.Run(() => SendMessages(sender, size, count));
        ReceiveAndReport(receiver, size, count).GetAwaiter().GetResult();
        sending.GetAwaiter().GetResult();
    }

    public void InprocLatency(long size, long roundtrips)
    {
        using var context = new ZmqContext();
        using var requester = context.CreateSocket(ZmqSocketType.Req);
        using var replier = context.CreateSocket(ZmqSocketType.Rep);
        requester.Bind("inproc://lat_test");
        replier.Connect("inproc://lat_test");
        Task echo = Task.Run(() => Echo(replier, size, roundtrips + PerfReport.LatencyWarmup));
        MeasureRoundTrips(requester, size, roundtrips).GetAwaiter().GetResult();
        echo.GetAwaiter().GetResult();
    }

    private static async Task ReceiveAndReport(ZmqSocket socket, long size, long count)
    {
        byte[] buffer = new byte[size];
        CheckSize(await socket.ReceiveAsync(buffer), buffer.Length);
        var measurement = new Measurement();
        measurement.Start();
        for (long i = 1; i < count; i++)
        {
            CheckSize(await socket.ReceiveAsync(buffer), buffer.Length);
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        PerfReport.PrintThroughput(size, count, elapsed, allocated);
    }

    private static async Task SendMessages(ZmqSocket socket, long size, long count)
    {
        byte[] payload = new byte[size];
        for (long i = 0; i < count; i++)
        {
            await socket.SendAsync(payload);
        }
    }

    private static async Task Echo(ZmqSocket socket, long size, long count)
    {
        byte[] buffer = new byte[size];
        for (long i = 0; i < count; i++)
        {
            CheckSize(await socket.ReceiveAsync(buffer), buffer.Length);
            await socket.SendAsync(buffer);
        }
    }

    private static async Task MeasureRoundTrips(ZmqSocket socket, long size, long roundtrips)
    {
        byte[] buffer = new byte[size];
        var measurement = new Measurement();
        for (long i = 0; i < roundtrips + PerfReport.LatencyWarmup; i++)
        {
            measurement.AtRoundTrip(i);
            await socket.SendAsync(buffer);
            CheckSize(await socket.ReceiveAsync(buffer), buffer.Length);
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        PerfReport.PrintLatency(size, roundtrips, elapsed, allocated);
    }

    // Not an async helper: its own state machine would be allocated whenever a receive parks, and
    // measured as the binding's.
    private static void CheckSize(ZmqReceiveResult result, int size)
    {
        if (result.FrameLength != size)
        {
            throw new InvalidOperationException($"message of wrong size {result.FrameLength} (expected {size})");
        }
    }
}
