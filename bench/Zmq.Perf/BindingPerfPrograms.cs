namespace Zmq.Bench;

/// <summary>
/// The perf programs on this binding, doing what the C baseline does call for call: build a
/// message of the size (zmq_msg_init_size) and send it (zmq_msg_send); receive into one reused
/// message (zmq_msg_recv). Nothing is allocated per message.
/// </summary>
internal sealed class BindingPerfPrograms : BindingSyncPerfPrograms
{
    protected override void ReceiveAndReport(ZmqSocket socket, long size, long count)
    {
        // Like the C program, no receive timeout: libzmq does not lose a PUSH stream, and a timeout
        // would add clock reads to every receive (only the NetMQ receiver needs the idle limit).
        var message = new ZmqMessage();
        Receive(socket, ref message, size);
        var measurement = new Measurement();
        measurement.Start();
        for (long i = 1; i < count; i++)
        {
            Receive(socket, ref message, size);
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        message.Dispose();
        PerfReport.PrintThroughput(size, count, elapsed, allocated);
    }

    protected override void SendMessages(ZmqSocket socket, long size, long count)
    {
        for (long i = 0; i < count; i++)
        {
            var message = new ZmqMessage((int)size);
            socket.Send(ref message);
            message.Dispose();
        }
    }

    protected override void Echo(ZmqSocket socket, long size, long count)
    {
        var message = new ZmqMessage();
        for (long i = 0; i < count; i++)
        {
            Receive(socket, ref message, size);
            socket.Send(ref message);
        }
        message.Dispose();
    }

    protected override void MeasureRoundTrips(ZmqSocket socket, long size, long roundtrips)
    {
        var reply = new ZmqMessage();
        var measurement = new Measurement();
        for (long i = 0; i < roundtrips + PerfReport.LatencyWarmup; i++)
        {
            measurement.AtRoundTrip(i);
            var request = new ZmqMessage((int)size);
            socket.Send(ref request);
            request.Dispose();
            Receive(socket, ref reply, size);
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        reply.Dispose();
        PerfReport.PrintLatency(size, roundtrips, elapsed, allocated);
    }

    private static void Receive(ZmqSocket socket, ref ZmqMessage message, long size)
    {
        socket.ReceiveMessage(ref message);
        if (message.Size != size)
        {
            throw new InvalidOperationException($"message of wrong size {message.Size} (expected {size})");
        }
    }
}
