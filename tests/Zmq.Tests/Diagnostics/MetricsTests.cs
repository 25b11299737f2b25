using Zmq.Tests.Support;

namespace Zmq.Tests.Diagnostics;

/// <summary>
/// The message and byte instruments of the Zmq meter: counted per frame, for every socket (also one
/// created before the listener), and kept after the socket is disposed.
/// </summary>
public class MetricsTests
{
    private const string Sent = "zeromq.client.sent.frames";
    private const string Consumed = "zeromq.client.received.frames";
    private const string SentBytes = "zeromq.client.sent.bytes";
    private const string ReceivedBytes = "zeromq.client.received.bytes";

    [Theory]
    [InlineData("tcp")]
    [InlineData("inproc")]
    public void Frames_and_bytes_match_what_went_over_the_wire_in_both_directions(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        // Created before the listener subscribes: they must be counted all the same.
        using var server = context.CreateBounded(ZmqSocketType.Router);
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        string serverName = MeterCapture.UniqueName("server"), clientName = MeterCapture.UniqueName("client");
        server.Name = serverName;
        client.Name = clientName;
        client.Connect(server.BindAny(transport));
        using var meters = new MeterCapture();

        // 5 single-frame messages of 10 bytes and one of three frames (1 + 2 + 3 bytes).
        for (int i = 0; i < 5; i++)
        {
            client.Send(new byte[10]);
        }
        client.SendMultipart([[1], [2, 2], [3, 3, 3]]);
        var identity = new List<byte[]>();
        int serverFrames = 0, serverBytes = 0;
        for (int i = 0; i < 6; i++)
        {
            List<byte[]> message = server.ReceiveMultipart(); // a routing id frame, then the client's frames
            serverFrames += message.Count;
            serverBytes += message.Sum(f => f.Length);
            identity = message;
        }
        // Reply: routing id + one 7-byte frame, received with the zero-copy message path.
        server.SendMultipart([identity[0], new byte[7]]);
        using (ZmqMessage reply = client.ReceiveMessage())
        {
            Assert.Equal(7, reply.Size);
        }

        Assert.Equal(8, meters.Read(Sent, clientName));
        Assert.Equal(50 + 6, meters.Read(SentBytes, clientName));
        Assert.Equal(1, meters.Read(Consumed, clientName));
        Assert.Equal(7, meters.Read(ReceivedBytes, clientName));
        Assert.Equal(serverFrames, meters.Read(Consumed, serverName));
        Assert.Equal(6 + 8, serverFrames); // a routing id frame per message, then the 8 frames
        Assert.Equal(serverBytes, meters.Read(ReceivedBytes, serverName));
        Assert.Equal(2, meters.Read(Sent, serverName));
        Assert.Equal(identity[0].Length + 7, meters.Read(SentBytes, serverName));
        var tags = meters.ReadAll(Sent, serverName).Single().Tags;
        Assert.Equal("zeromq", tags["messaging.system"]);
        Assert.Equal("ROUTER", tags["zeromq.socket.type"]);
        Assert.Equal("send", tags["messaging.operation.name"]);
    });

    [Fact]
    public void Async_sends_and_receives_are_counted_too() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        string name = MeterCapture.UniqueName("async");
        pull.Name = push.Name = name;
        push.Connect(pull.BindAny("inproc"));
        using var meters = new MeterCapture();
        for (int i = 0; i < 20; i++)
        {
            push.SendAsync(new byte[3]).AsTask().GetAwaiter().GetResult();
            Assert.Equal(3, pull.ReceiveAsync(new byte[8]).AsTask().GetAwaiter().GetResult().FrameLength);
        }
        Assert.Equal(20, meters.Read(Sent, name));
        Assert.Equal(20, meters.Read(Consumed, name));
        Assert.Equal(60, meters.Read(ReceivedBytes, name));
    });

    [Fact]
    public void A_disposed_sockets_totals_stay_in_the_cumulative_counters() => Watchdog.Run(() =>
    {
        using var meters = new MeterCapture();
        string name = MeterCapture.UniqueName("retired");
        using var context = new ZmqContext();
        using (var pull = context.CreateBounded(ZmqSocketType.Pull))
        using (var push = context.CreateBounded(ZmqSocketType.Push))
        {
            pull.Name = push.Name = name;
            push.Connect(pull.BindAny("inproc"));
            push.Send(new byte[4]);
            push.Send(new byte[4]);
            Span<byte> buffer = stackalloc byte[8];
            pull.Receive(buffer);
            pull.Receive(buffer);
            Assert.Equal(2, meters.Read(Sent, name));
        }
        Assert.Equal(2, meters.Read(Sent, name));
        Assert.Equal(2, meters.Read(Consumed, name));
        Assert.Equal(8, meters.Read(SentBytes, name));

        // A second generation of the same name adds to it, never resets it.
        using (var pull = context.CreateBounded(ZmqSocketType.Pull))
        using (var push = context.CreateBounded(ZmqSocketType.Push))
        {
            pull.Name = push.Name = name;
            push.Connect(pull.BindAny("inproc"));
            push.Send(new byte[4]);
            Assert.Equal(3, meters.Read(Sent, name));
        }
        Assert.Equal(3, meters.Read(Sent, name));
        // One series per tag set, live and retired summed: never two measurements with the same tags.
        Assert.Single(meters.ReadAll(Sent, name), m => Equals(m.Tags["zeromq.socket.type"], "PUSH"));
    });

    [Fact]
    public void Helper_sockets_stay_out_of_the_meter_and_a_socket_leaves_it_when_closed() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pair);
        Assert.Null(socket.Name);
        Assert.True(socket.Meters.IsLive);
        using (ZmqSocket helper = context.CreateHelperSocket(ZmqSocketType.Pair, TimeSpan.FromSeconds(1), _ => { }))
        {
            Assert.False(helper.Meters.IsLive); // the binding's plumbing is not the user's traffic
        }
        socket.Dispose();
        Assert.False(socket.Meters.IsLive);
        Assert.DoesNotContain(ZmqMetrics.Tags(ZmqSocketType.Pair, null, "send"), t => t.Key == "zeromq.socket.name");
    });

    [Fact]
    public void Thread_safe_draft_sockets_count_sends_from_many_threads_without_losing_any() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        if (!ZmqLibrary.Has("draft"))
        {
            Assert.Throws<NotSupportedException>(() => context.CreateSocket(ZmqSocketType.Client));
            return;
        }
        using var meters = new MeterCapture();
        using var server = context.CreateBounded(ZmqSocketType.Server);
        using var client = context.CreateBounded(ZmqSocketType.Client);
        string name = MeterCapture.UniqueName("threadsafe");
        client.Name = name;
        server.Name = name + "-server";
        client.Connect(server.BindAny("inproc"));
        const int Threads = 4, PerThread = 2_000;
        var senders = Enumerable.Range(0, Threads).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                client.Send(new byte[2]);
            }
        })).ToArray();
        var buffer = new byte[8];
        for (int i = 0; i < Threads * PerThread; i++)
        {
            server.Receive(buffer);
        }
        Task.WaitAll(senders);
        Assert.Equal(Threads * PerThread, meters.Read(Sent, name));
        Assert.Equal(2 * Threads * PerThread, meters.Read(SentBytes, name));
        Assert.Equal(Threads * PerThread, meters.Read(Consumed, name + "-server"));
    });

    [Fact]
    public void Sending_and_receiving_with_a_listener_attached_allocates_nothing() => Watchdog.Run(() =>
    {
        using var meters = new MeterCapture();
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        string name = MeterCapture.UniqueName("alloc");
        pull.Name = push.Name = name;
        push.Connect(pull.BindAny("inproc"));
        byte[] payload = new byte[16];
        byte[] buffer = new byte[64];
        long allocated = AllocationProbe.Steady(() =>
        {
            push.Send(payload);
            pull.Receive(buffer);
            push.Send(payload, ZmqSendFlags.None);
            ReceiveIntoMessage(pull);
        });
        Assert.Equal(0, allocated);
        Assert.True(meters.Read(Sent, name) > 10_000);
    });

    private static void ReceiveIntoMessage(ZmqSocket socket)
    {
        var message = new ZmqMessage();
        try
        {
            socket.ReceiveMessage(ref message);
        }
        finally
        {
            message.Dispose();
        }
    }
}
