using NetMQ;
using NetMQ.Sockets;

namespace Zmq.Bench;

/// <summary>The perf programs on NetMQ's Msg API: the same calls and semantics as the C baseline.</summary>
internal sealed class NetMQPerfPrograms : IPerfPrograms
{
    public void LocalThroughput(string endpoint, long size, long count)
    {
        using var socket = new PullSocket();
        socket.Bind(endpoint);
        ReceiveAndReport(socket, size, count);
    }

    public void RemoteThroughput(string endpoint, long size, long count)
    {
        using var socket = new PushSocket();
        socket.Options.Linger = TimeSpan.FromSeconds(60);
        socket.Connect(endpoint);
        SendMessages(socket, size, count);
    }

    public void LocalLatency(string endpoint, long size, long roundtrips)
    {
        using var socket = new ResponseSocket();
        socket.Bind(endpoint);
        Echo(socket, size, roundtrips + PerfReport.LatencyWarmup);
    }

    public void RemoteLatency(string endpoint, long size, long roundtrips)
    {
        using var socket = new RequestSocket();
        socket.Connect(endpoint);
        MeasureRoundTrips(socket, size, roundtrips);
    }

    public void InprocThroughput(long size, long count)
    {
        using var receiver = new PullSocket();
        receiver.Bind("inproc://thr_test");
        var sender = new Thread(() =>
        {
            using var socket = new PushSocket();
            socket.Connect("inproc://thr_test");
            SendMessages(socket, size, count);
        });
        sender.Start();
        ReceiveAndReport(receiver, size, count);
        sender.Join();
    }

    public void InprocLatency(long size, long roundtrips)
    {
        using var requester = new RequestSocket();
        requester.Bind("inproc://lat_test");
        var echo = new Thread(() =>
        {
            using var socket = new ResponseSocket();
            socket.Connect("inproc://lat_test");
            Echo(socket, size, roundtrips + PerfReport.LatencyWarmup);
        });
        echo.Start();
        MeasureRoundTrips(requester, size, roundtrips);
        echo.Join();
    }

    private static void ReceiveAndReport(NetMQSocket socket, long size, long count)
    {
        var message = new Msg();
        message.InitEmpty();
        Receive(socket, ref message, size);
        var measurement = new Measurement();
        measurement.Start();
        TimeSpan elapsed = TimeSpan.Zero;
        long received = 1;
        while (received < count && socket.TryReceive(ref message, PerfReport.IdleLimit))
        {
            CheckSize(message.Size, size);
            received++;
            elapsed = measurement.Elapsed;
        }
        long allocated = measurement.Allocated;
        message.Close();
        PerfReport.PrintThroughput(size, count, elapsed, allocated, lost: count - received);
    }

    private static void SendMessages(NetMQSocket socket, long size, long count)
    {
        for (long i = 0; i < count; i++)
        {
            var message = new Msg();
            message.InitPool((int)size);
            socket.Send(ref message, more: false);
            message.Close();
        }
    }

    private static void Echo(NetMQSocket socket, long size, long count)
    {
        var message = new Msg();
        message.InitEmpty();
        for (long i = 0; i < count; i++)
        {
            Receive(socket, ref message, size);
            socket.Send(ref message, more: false);
        }
        message.Close();
    }

    private static void MeasureRoundTrips(NetMQSocket socket, long size, long roundtrips)
    {
        var reply = new Msg();
        reply.InitEmpty();
        var measurement = new Measurement();
        for (long i = 0; i < roundtrips + PerfReport.LatencyWarmup; i++)
        {
            measurement.AtRoundTrip(i);
            var request = new Msg();
            request.InitPool((int)size);
            socket.Send(ref request, more: false);
            request.Close();
            Receive(socket, ref reply, size);
        }
        TimeSpan elapsed = measurement.Elapsed;
        long allocated = measurement.Allocated;
        reply.Close();
        PerfReport.PrintLatency(size, roundtrips, elapsed, allocated);
    }

    private static void Receive(NetMQSocket socket, ref Msg message, long size)
    {
        socket.Receive(ref message);
        CheckSize(message.Size, size);
    }

    private static void CheckSize(int actual, long expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"message of wrong size {actual} (expected {expected})");
        }
    }
}
