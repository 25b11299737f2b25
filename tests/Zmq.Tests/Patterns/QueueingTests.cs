using Zmq.Tests.Support;

namespace Zmq.Tests.Patterns;

/// <summary>
/// How messages queue: high-water marks counted in messages, queues destroyed with a disconnected
/// peer, IMMEDIATE, CONFLATE, reconnection turned off, and sends that would block once the only
/// peer is gone (catalogue L04, L07, L08, L09, L11, L12, L20, L22).
/// </summary>
public class QueueingTests
{
    [Theory]
    [InlineData(1000, 1000, 2000)] // The defaults: 1000 at the sender plus 1000 at the receiver.
    [InlineData(1, 1, 2)]
    [InlineData(0, 0, 10_000)] // Zero is no limit: every attempt of the test succeeds.
    public void The_high_water_marks_count_messages(int sendHwm, int receiveHwm, int expected) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        pull.ReceiveHighWatermark = receiveHwm;
        push.SendHighWatermark = sendHwm;
        string endpoint = pull.BindAny("inproc");
        push.Connect(endpoint);
        int sent = 0;
        while (sent < 10_000 && push.TrySend(BitConverter.GetBytes(sent), ZmqSendFlags.DontWait))
        {
            sent++;
        }
        Assert.Equal(expected, sent);
        Span<byte> buffer = stackalloc byte[4];
        for (int i = 0; i < sent; i++)
        {
            pull.Receive(buffer);
            Assert.Equal(i, BitConverter.ToInt32(buffer));
        }
        // The reader's credit reaches the writer as a command, so allow it a moment to arrive.
        Assert.True(SpinWait.SpinUntil(() => push.TrySend("one more"u8, ZmqSendFlags.DontWait), TestSockets.Timeout),
            "after draining, the queue never took another message");
    });

    [Fact]
    public void Lowering_the_high_water_mark_of_a_full_queue_drops_nothing() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.SendHighWatermark = 1000;
        pull.ReceiveHighWatermark = 1000;
        push.Connect(pull.BindAny("inproc"));
        int sent = 0;
        while (push.TrySend(BitConverter.GetBytes(sent), ZmqSendFlags.DontWait))
        {
            sent++;
        }
        push.SendHighWatermark = 10;
        pull.ReceiveHighWatermark = 10;
        Span<byte> buffer = stackalloc byte[4];
        for (int i = 0; i < sent; i++)
        {
            pull.Receive(buffer);
            Assert.Equal(i, BitConverter.ToInt32(buffer));
        }
        Assert.False(pull.TryReceive(buffer, out _, ZmqReceiveFlags.DontWait), "nothing beyond what was sent");
    });

    [Theory]
    [InlineData(ZmqSocketType.Push)]
    [InlineData(ZmqSocketType.Req)]
    [InlineData(ZmqSocketType.Dealer)]
    public void A_send_with_no_peer_fails_at_once_without_waiting_and_after_the_send_timeout(ZmqSocketType type) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var socket = context.CreateBounded(type);
        socket.Bind(Endpoints.TcpAnyPort);
        Assert.False(socket.TrySend("nobody"u8, ZmqSendFlags.DontWait));
        socket.SendTimeout = TimeSpan.FromMilliseconds(250);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(socket.TrySend("nobody"u8));
        Assert.True(clock.ElapsedMilliseconds >= 200, $"gave up after {clock.ElapsedMilliseconds} ms, before the 250 ms send timeout");
    });

    [Fact]
    public void After_unbinding_the_only_peer_a_send_would_block() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        string endpoint = push.BindAny("tcp");
        pull.Connect(endpoint);
        push.SendString("before");
        Assert.Equal("before", pull.ReceiveString());
        push.Unbind(endpoint); // The same string LastEndpoint gave.
        Assert.True(SpinWait.SpinUntil(() => !push.TrySend("after"u8, ZmqSendFlags.DontWait), TestSockets.Timeout),
            "sends still succeed after the only peer's endpoint was unbound");
    });

    [Fact]
    public void After_disconnecting_from_the_only_peer_a_send_would_block() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        string endpoint = pull.BindAny("tcp");
        push.Connect(endpoint);
        push.SendString("before");
        Assert.Equal("before", pull.ReceiveString());
        push.Disconnect(endpoint);
        Assert.False(push.TrySend("after"u8, ZmqSendFlags.DontWait));
    });

    [Fact]
    public void A_disconnected_peers_queue_is_destroyed_and_a_reconnect_starts_empty() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.SendHighWatermark = 5;
        pull.ReceiveHighWatermark = 5;
        string endpoint = push.BindAny("inproc");
        pull.Connect(endpoint);
        push.SendString("old 1");
        push.SendString("old 2");
        pull.Disconnect(endpoint);
        Assert.True(SpinWait.SpinUntil(() => !push.TrySend("dropped"u8, ZmqSendFlags.DontWait), TestSockets.Timeout),
            "the bound PUSH still had a queue to the disconnected PULL");
        pull.Connect(endpoint);
        int fit = 0;
        Assert.True(SpinWait.SpinUntil(() =>
        {
            while (push.TrySend(BitConverter.GetBytes(fit), ZmqSendFlags.DontWait))
            {
                fit++;
            }
            return fit > 0;
        }, TestSockets.Timeout));
        Assert.Equal(10, fit); // Exactly SNDHWM + RCVHWM new messages.
        Span<byte> buffer = stackalloc byte[16];
        pull.Receive(buffer);
        Assert.Equal(0, BitConverter.ToInt32(buffer)); // Not "old 1": the old queue is gone.
    });

    [Fact]
    public void With_reconnection_turned_off_a_rebound_peer_is_not_found_again_until_connected_explicitly() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        pull.ReceiveTimeout = TestSockets.Timeout;
        push.ReconnectInterval = Timeout.InfiniteTimeSpan;
        using var monitor = new ZmqMonitor(push, ZmqMonitorEventType.Disconnected);
        string endpoint = pull.BindAny("tcp");
        push.Connect(endpoint);
        push.SendString("first");
        Assert.Equal("first", pull.ReceiveString());

        pull.Unbind(endpoint);
        // Unbind closes the accepted connection asynchronously, and only once the PULL has handled its
        // pipe's termination, a command it reads on its next call: touch it until the PUSH has seen
        // the connection go, so the send below can only meet a PUSH without a connection.
        EventWaits.Until(() =>
        {
            _ = pull.Events;
            return monitor.TryReceive(out _, TimeSpan.FromMilliseconds(10));
        }, "the PUSH never saw the connection dropped");
        pull.BindReleased(endpoint);
        push.TrySend("lost"u8, ZmqSendFlags.DontWait);
        pull.ReceiveTimeout = TimeSpan.FromMilliseconds(500); // nothing must come: a short wait shows it
        Assert.False(pull.TryReceiveString(out string? unexpected), $"received '{unexpected}' without a reconnect");

        push.Connect(endpoint);
        push.SendString("again");
        pull.ReceiveTimeout = TestSockets.Timeout;
        Assert.Equal("again", pull.ReceiveString());
    });

    [Fact]
    public void Immediate_queues_only_to_completed_connections() => Watchdog.Run(() =>
    {
        Assert.Equal(5, DeliveredOfTen(immediate: false)); // Half went to the pipe of the dead connect.
        Assert.Equal(10, DeliveredOfTen(immediate: true));
    });

    [Fact]
    public void With_immediate_a_send_fails_while_the_only_peer_is_gone_and_flows_again_when_it_returns() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var dealer = context.CreateBounded(ZmqSocketType.Dealer);
        dealer.Immediate = true;
        var router = context.CreateBounded(ZmqSocketType.Router);
        string endpoint = router.BindAny("tcp");
        using (var monitor = new ZmqMonitor(dealer, ZmqMonitorEventType.HandshakeSucceeded))
        {
            dealer.Connect(endpoint);
            Assert.True(monitor.WaitFor(ZmqMonitorEventType.HandshakeSucceeded, TestSockets.Timeout, out _));
        }
        Assert.True(dealer.TrySend("up"u8, ZmqSendFlags.DontWait));
        router.Dispose();
        Assert.True(SpinWait.SpinUntil(() => !dealer.TrySend("down"u8, ZmqSendFlags.DontWait), TestSockets.Timeout),
            "sends kept succeeding with IMMEDIATE after the only peer went away");
        using var returned = context.CreateBounded(ZmqSocketType.Router);
        returned.ReceiveTimeout = TimeSpan.FromMilliseconds(100);
        returned.BindReleased(endpoint);
        // Sends made while the old connection is being torn down may go with it; keep offering
        // until one reaches the returned peer.
        var frames = new List<byte[]>();
        bool delivered = SpinWait.SpinUntil(() =>
            dealer.TrySend("back"u8, ZmqSendFlags.DontWait) && returned.TryReceiveMultipart(frames), TestSockets.Timeout);
        Assert.True(delivered, "sends never flowed again after the peer came back");
        Assert.Equal("back"u8.ToArray(), frames[^1]);
    });

    [Fact]
    public void Conflate_keeps_only_the_last_message() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        pull.Conflate = true;
        // Over inproc with the PULL connecting: libzmq 4.3 builds an inproc pipe with the connecting
        // side's options, so CONFLATE applies to it, and an inproc send writes into that pipe before
        // it returns, so all twenty are there before the one receive, with nothing to wait for.
        // (Over tcp nothing observable says when the twenty have crossed short of receiving them.)
        pull.Connect(push.BindAny("inproc"));
        for (int i = 0; i < 20; i++)
        {
            push.SendString($"message {i}");
        }
        Assert.Equal("message 19", pull.ReceiveString());
        Assert.False(pull.TryReceiveString(out _, ZmqReceiveFlags.DontWait));
    });

    /// <summary>
    /// A DEALER connected to a dead endpoint and a live ROUTER sends ten messages round-robin:
    /// without IMMEDIATE half of them wait in the dead connect's pipe.
    /// </summary>
    private static int DeliveredOfTen(bool immediate)
    {
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        router.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
        using var dealer = context.CreateBounded(ZmqSocketType.Dealer);
        dealer.Immediate = immediate;
        string live = router.BindAny("tcp");
        string dead = Endpoints.ReleasedTcpEndpoint(context);
        using (var monitor = new ZmqMonitor(dealer, ZmqMonitorEventType.HandshakeSucceeded))
        {
            dealer.Connect(dead);
            dealer.Connect(live);
            Assert.True(monitor.WaitFor(ZmqMonitorEventType.HandshakeSucceeded, TestSockets.Timeout, out _));
        }
        for (int i = 0; i < 10; i++)
        {
            dealer.SendString($"m{i}");
        }
        var frames = new List<byte[]>();
        int delivered = 0;
        while (router.TryReceiveMultipart(frames))
        {
            delivered++;
        }
        return delivered;
    }
}
