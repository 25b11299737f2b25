using System.Net;
using System.Net.Sockets;
using Zmq.Tests.Support;

namespace Zmq.Tests.Monitoring;

/// <summary>
/// Peers that stop talking are dropped, and the monitor says so: a raw TCP peer that never
/// handshakes is cut after HANDSHAKE_IVL, and one that completes a ZMTP handshake and then goes
/// silent is cut by heartbeats while a healthy link stays up (catalogue L23, L34).
/// </summary>
public class ConnectionHealthTests
{
    [Fact]
    public void A_peer_that_never_handshakes_is_dropped_after_the_handshake_interval() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        Assert.Equal(TimeSpan.FromSeconds(30), router.HandshakeInterval); // libzmq's default.
        router.HandshakeInterval = TimeSpan.FromMilliseconds(100);
        using var monitor = new ZmqMonitor(router);
        int port = Endpoints.Port(router.BindAny("tcp"));
        using var silent = new TcpClient();
        silent.Connect(IPAddress.Loopback, port);
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.Accepted, TestSockets.Timeout, out _));
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.Disconnected, TestSockets.Timeout, out _),
            "a peer that never sent a greeting was kept past HANDSHAKE_IVL");
    });

    [Fact]
    public void A_peer_that_goes_silent_after_its_handshake_is_dropped_by_heartbeats() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        router.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        router.HeartbeatTimeout = TimeSpan.FromMilliseconds(300);
        using var monitor = new ZmqMonitor(router);
        int port = Endpoints.Port(router.BindAny("tcp"));
        using var stuck = new TcpClient();
        stuck.Connect(IPAddress.Loopback, port);
        NetworkStream stream = stuck.GetStream();
        stream.Write(Zmtp.Greeting("NULL"));
        stream.Write(Zmtp.Ready("DEALER"));
        // From here on the raw peer answers nothing, not even the router's PINGs.
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.HandshakeSucceeded, TestSockets.Timeout, out _),
            "the hand-made ZMTP 3.0 NULL handshake was not accepted");
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.Disconnected, TestSockets.Timeout, out _),
            "the silent peer was never dropped by the heartbeat");
    });

    [Fact]
    public void A_healthy_link_with_heartbeats_shows_no_further_events() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        using var dealer = context.CreateBounded(ZmqSocketType.Dealer);
        foreach (ZmqSocket socket in new[] { router, dealer })
        {
            socket.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
            socket.HeartbeatTimeout = TimeSpan.FromMilliseconds(300);
        }
        using var monitor = new ZmqMonitor(router);
        dealer.Connect(router.BindAny("tcp"));
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.HandshakeSucceeded, TestSockets.Timeout, out _));
        // Ten heartbeat timeouts of silence at the application level: the PINGs keep it alive.
        Assert.False(monitor.TryReceive(out ZmqMonitorEvent extra, TimeSpan.FromSeconds(3)), $"unexpected event {extra.Type}");
        dealer.SendString("still here");
        Assert.Equal("still here", router.ReceiveMultipartStrings()[^1]);
    });

    [Fact]
    public void The_heartbeat_ttl_is_kept_in_tenths_of_a_second_and_bounded() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var socket = context.CreateBounded(ZmqSocketType.Dealer);
        socket.HeartbeatTtl = TimeSpan.FromMilliseconds(1234);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), socket.HeartbeatTtl); // value - value % 100
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => socket.HeartbeatTtl = TimeSpan.FromMilliseconds(6_553_600));
        Assert.Contains("HeartbeatTtl", error.Message, StringComparison.Ordinal);
        var raw = Assert.Throws<ZmqException>(() => socket.SetOption(ZmqSocketOption.HeartbeatTtl, 6_553_600));
        Assert.Equal(ZmqError.InvalidArgument, raw.Error); // libzmq's own limit, through the escape hatch.
    });
}
