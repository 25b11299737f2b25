using NetMQ;
using NetMQ.Sockets;

namespace Zmq.Bench;

/// <summary>
/// The perf programs on NetMQ's async API: receives awaited with <c>ReceiveFrameBytesAsync</c>
/// inside a <see cref="NetMQRuntime"/> (NetMQ 4 has no asynchronous send; sends stay
/// <c>SendFrame</c>). Same socket settings as <see cref="NetMQPerfPrograms"/>.
/// </summary>
internal sealed class NetMQAsyncPerfPrograms : IPerfPrograms
{
    public void LocalThroughput(string endpoint, long size, long count)
    {
        using var runtime = new NetMQRuntime();
        using var socket = new PullSocket();
        socket.Bind(endpoint);
        runtime.Run(ReceiveAndReport(socket, size, count));
    }

    public void RemoteThroughput(string endpoint, long size, long count)
    {
        using var socket = new PushSocket();
        socket.Options.Linger = TimeSpan.FromSeconds(60);
        socket.Connect(endpoint);
        byte[] payload = new byte[size];
        for (long i = 0; i < count; i++)
        {
            socket.SendFrame(payload);
        }
    }

    public void LocalLatency(string endpoint, long size, long roundtrips)
    {
        using var runtime = new NetMQRuntime();
        using var socket = new ResponseSocket();
        socket.Bind(endpoint);
        runtime.Run(Echo(socket, size, roundtrips + PerfReport.LatencyWarmup));
    }

    public void RemoteLatency(string endpoint, long size, long roundtrips)
    {
        using var runtime = new NetMQRuntime();
        using var socket = new RequestSocket();
        socket.Connect(endpoint);
        runtime.Run(MeasureRoundTrips(socket, size, roundtrips));
    }

    public void InprocThroughput(long size, long count)
    {
        using var runtime = new NetMQRuntime();
        using var receiver = new PullSocket();
        receiver.Bind("inproc://thr_test");
        var sender = new Thread(() => RemoteThroughput("inproc://thr_test", size, count));
        sender.Start();
        runtime.Run(ReceiveAndReport(receiver, size, count));
        sender.Join();
    }

    public void InprocLatency(long size, long roundtrips)
    {
        using var runtime = new NetMQRuntime();
        using var requester = new RequestSocket();
        using var replier = new ResponseSocket();
        requester.Bind("inproc://lat_test");
        replier.Connect("inproc://lat_test");
        runtime.Run(MeasureRoundTrips(requester, size, roundtrips), Echo(replier, size, roundtrips + PerfReport.LatencyWarmup));
    }

    private static async Task ReceiveAndReport(NetMQSocket socket, long size, long count)
    {
        await Receive(socket, size);
        // NetMQ may drop the tail of the stream (see PerfReport.IdleLimit): a timer, not a timeout
        // per receive, ends the wait once nothing arrived for that long.
        using var stalled = new CancellationTokenSource();
        long received = 1, seen = 0;
        using var watchdog = new Timer(_ =>
        {
            long now = Interlocked.Read(ref received);
            if (now == seen)
            {
                stalled.Cancel();
            }
            seen = now;
        }, null, PerfReport.IdleLimit, PerfReport.IdleLimit);
        var measurement = new Measurement();
        measurement.Start();
        TimeSpan elapsed = TimeSpan.Zero;
        try
        {
            while (received < count)
            {
                await Receive(socket, size, stalled.Token);
                Interlocked.Increment(ref received);
                elapsed = measurement.Elapsed;
            }
        }
        catch (OperationCanceledException)
        {
            // The rest never came; reported as lost.
        }
        long allocated = measurement.Allocated;
        PerfReport.PrintThroughput(size, count, elapsed, allocated, lost: count - received);
    }

    private static async Task Echo(NetMQSocket socket, long size, long count)
    {
        for (long i = 0; i < count; i++)
        {
            socket.SendFrame(await Receive(socket, size));
        }
    }

    private static async Task MeasureRoundTrips(NetMQSocket socket, long size, long roundtrips)
    {
        byte[] payload = new byte[size];
        var measurement = new Measurement();
        for (long i = 0; i < roundtrips + PerfReport.LatencyWarmup; i++)
        {
            measurement.AtRoundTrip(i);
            socket.SendFrame(payload);
            await Receive(socket, size);
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        PerfReport.PrintLatency(size, roundtrips, elapsed, allocated);
    }

    private static async Task<byte[]> Receive(NetMQSocket socket, long size, CancellationToken cancellationToken = default)
    {
        (byte[] frame, _) = await socket.ReceiveFrameBytesAsync(cancellationToken);
        if (frame.Length != size)
        {
            throw new InvalidOperationException($"message of wrong size {frame.Length} (expected {size})");
        }
        return frame;
    }
}
