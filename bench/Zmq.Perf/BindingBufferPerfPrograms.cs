namespace Zmq.Bench;

/// <summary>
/// The perf programs on this binding's blocking calls through reused buffers (<c>Send(span)</c>,
/// <c>Receive(span)</c>: one copy each way), as the async programs send and receive: with these,
/// async ÷ sync is the async engine's own cost, not the difference between copying and zero-copy
/// messages (which dominates at 64 KiB over inproc). <c>zmq-perf --buffers &lt;program&gt; …</c>.
/// </summary>
internal sealed class BindingBufferPerfPrograms : BindingSyncPerfPrograms
{
    protected override void ReceiveAndReport(ZmqSocket socket, long size, long count)
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

    protected override void SendMessages(ZmqSocket socket, long size, long count)
    {
        var buffer = new byte[size];
        for (long i = 0; i < count; i++)
        {
            socket.Send(buffer);
        }
    }

    protected override void Echo(ZmqSocket socket, long size, long count)
    {
        var buffer = new byte[size];
        for (long i = 0; i < count; i++)
        {
            Receive(socket, buffer, size);
            socket.Send(buffer);
        }
    }

    protected override void MeasureRoundTrips(ZmqSocket socket, long size, long roundtrips)
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
