using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

/// <summary>
/// Moving messages on as they came, the way a broker does: multipart lists sent back as received,
/// zero-copy frames sent from a <c>using</c> variable, and whole messages forwarded frame by frame.
/// </summary>
public class ForwardingTests
{
    [Fact]
    public void A_received_multipart_message_is_sent_on_as_it_came() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var inbound = Pair(context, "forward-list");
        using var outbound = Pair(context, "forward-list-out");
        var (source, middle) = inbound;
        var (relay, sink) = outbound;
        source.SendMultipart("a"u8.ToArray(), "bb"u8.ToArray(), "ccc"u8.ToArray());
        relay.SendMultipart(middle.ReceiveMultipart());
        Assert.Equal(["a", "bb", "ccc"], sink.ReceiveMultipartStrings());

        source.SendMultipart("x", "y");
        var strings = new List<string> { "stale" };
        Assert.True(middle.TryReceiveMultipartStrings(strings));
        relay.SendMultipart(strings);
        Assert.Equal(["x", "y"], sink.ReceiveMultipartStrings());

        middle.ReceiveTimeout = TimeSpan.FromMilliseconds(20);
        Assert.False(middle.TryReceiveMultipartStrings(strings));
        Assert.Empty(strings);
        Assert.Throws<ArgumentException>(() => relay.SendMultipart(new List<byte[]>()));
    });

    [Fact]
    public void A_frame_in_a_using_variable_is_sent_without_a_copy_and_disposed_once() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var inbound = Pair(context, "forward-using");
        using var outbound = Pair(context, "forward-using-out");
        var (source, middle) = inbound;
        var (relay, sink) = outbound;
        source.SendString("zero-copy");
        using (var frame = middle.ReceiveMessage())
        {
            relay.Send(frame); // by value: the using variable's copy is spent, its Dispose does nothing
            Assert.Equal(0, frame.Size);
        }
        Assert.Equal("zero-copy", sink.ReceiveString());
    });

    [Fact]
    public void A_broker_forwards_whole_messages_both_ways_without_copying_them() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var frontend = context.CreateBounded(ZmqSocketType.Router);
        using var backend = context.CreateBounded(ZmqSocketType.Dealer);
        frontend.Bind("inproc://broker-front");
        backend.Bind("inproc://broker-back");
        using var client = context.CreateBounded(ZmqSocketType.Req);
        using var worker = context.CreateBounded(ZmqSocketType.Rep);
        client.RoutingIdString = "client-1";
        Assert.Equal("client-1", client.RoutingIdString);
        client.Connect("inproc://broker-front");
        worker.Connect("inproc://broker-back");

        client.SendString("job");
        Assert.Equal(3, frontend.ForwardMessageTo(backend)); // [client-1][][job]
        Assert.Equal("job", worker.ReceiveString());
        worker.SendString("done");
        Assert.Equal(3, backend.ForwardMessageTo(frontend));
        Assert.Equal("done", client.ReceiveString());
    });

    [Fact]
    public void A_forward_that_finds_nothing_times_out_and_leaves_both_sockets_usable() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var inbound = Pair(context, "forward-timeout");
        using var outbound = Pair(context, "forward-timeout-out");
        var (source, middle) = inbound;
        var (relay, sink) = outbound;
        middle.ReceiveTimeout = TimeSpan.FromMilliseconds(20);
        var error = Assert.Throws<ZmqException>(() => middle.ForwardMessageTo(relay));
        Assert.Equal(ZmqError.TryAgain, error.Error);
        source.SendMultipart("still", "fine");
        Assert.Equal(2, middle.ForwardMessageTo(relay));
        Assert.Equal(["still", "fine"], sink.ReceiveMultipartStrings());
        Assert.Throws<ArgumentNullException>(() => middle.ForwardMessageTo(null!));
    });

    [Fact]
    public async Task Async_multipart_strings_mirror_the_sync_ones()
    {
        using var context = new ZmqContext();
        using var inbound = Pair(context, "async-strings");
        var (source, middle) = inbound;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await source.SendMultipartStringsAsync(new List<string> { "a", "é", "" }, timeout.Token);
        Assert.Equal(["a", "é", ""], await middle.ReceiveMultipartStringsAsync(timeout.Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await source.SendMultipartStringsAsync(new List<string>(), timeout.Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await source.SendMultipartStringsAsync(new List<string> { "x", null! }, timeout.Token));
    }

    [Fact]
    public void A_routing_id_string_is_checked_like_the_bytes()
    {
        using var context = new ZmqContext();
        using var socket = context.CreateBounded(ZmqSocketType.Dealer);
        Assert.Throws<ArgumentNullException>(() => socket.RoutingIdString = null!);
        Assert.Throws<ArgumentException>(() => socket.RoutingIdString = "");
        Assert.Throws<ArgumentException>(() => socket.RoutingIdString = new string('é', 200));
        socket.RoutingIdString = "név";
        Assert.Equal("név", socket.RoutingIdString);
    }

    private static SocketPair Pair(ZmqContext context, string name)
    {
        var push = context.CreateBounded(ZmqSocketType.Push);
        var pull = context.CreateBounded(ZmqSocketType.Pull);
        pull.Bind($"inproc://{name}");
        push.Connect($"inproc://{name}");
        return new SocketPair(push, pull);
    }

    private readonly record struct SocketPair(ZmqSocket Sender, ZmqSocket Receiver) : IDisposable
    {
        public void Dispose()
        {
            Sender.Dispose();
            Receiver.Dispose();
        }

        public void Deconstruct(out ZmqSocket sender, out ZmqSocket receiver)
        {
            sender = Sender;
            receiver = Receiver;
        }
    }
}
