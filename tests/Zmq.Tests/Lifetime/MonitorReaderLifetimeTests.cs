using System.Net;
using System.Net.Sockets;
using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

/// <summary>
/// libzmq stops a socket's monitor in the socket's destructor, on the context's one reaper thread,
/// with a blocking send of MONITOR_STOPPED into the monitor's PAIR. When the binding closed its
/// reader first (the peer table did at every Dispose, ZmqMonitor when disposed after its socket),
/// that send had no peer and never returned: the reaper stopped, and every socket closed after it
/// kept its connections open until the context was terminated. Found by the peer table's
/// concurrent-handshake test, whose good clients sometimes never disconnected.
/// </summary>
public class MonitorReaderLifetimeTests
{
    [Theory]
    [InlineData("peer table")]
    [InlineData("ZmqMonitor disposed after its socket")]
    public void Closing_a_monitored_socket_never_stalls_the_closing_of_the_sockets_after_it(string reader) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();

        // The monitored socket: connected to a TCP peer that never speaks ZMTP, so its message stays
        // queued and libzmq destroys it only when its linger runs out, well after Dispose returned.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var monitored = context.CreateSocket(ZmqSocketType.Push);
        monitored.Linger = TimeSpan.FromMilliseconds(200);
        ZmqMonitor? monitor = null;
        if (reader == "peer table")
        {
            _ = monitored.Peers;
        }
        else
        {
            monitor = new ZmqMonitor(monitored);
        }
        monitored.Connect($"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        using Socket accepted = silent.AcceptSocket();
        Assert.True(monitored.TrySend(new byte[1], ZmqSendFlags.DontWait));
        monitored.Dispose();
        monitor?.Dispose();

        // Its linger ran out and libzmq tore it down once its connection ends (the peer reads EOF).
        accepted.ReceiveTimeout = (int)TestSockets.Timeout.TotalMilliseconds;
        byte[] buffer = new byte[256];
        while (accepted.Receive(buffer) > 0)
        {
            // The ZMTP greeting; then end of stream when the socket is destroyed.
        }

        // A socket closed after it must still close its connection.
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        ZmqPeerTable serverPeers = server.Peers;
        string endpoint = server.BindAny("tcp");
        var client = context.CreateBounded(ZmqSocketType.Push);
        client.Connect(endpoint);
        EventWaits.Until(() => serverPeers.ConnectedCount == 1, "the client connected");
        client.Dispose();
        EventWaits.Until(() => serverPeers.ConnectedCount == 0,
            "the next socket's close never closed its connection: the context's reaper thread is stuck in the monitored socket's destructor");
    });

    // Disposing a ZmqMonitor stops the native monitor with a call on the socket, which is refused
    // while another thread is in a synchronous call on it. Then the reader keeps draining until the
    // socket's own close stops the monitor, and the monitor's PAIR closes only after that: the
    // context still terminates, and sockets closed later still close their connections.
    [Fact]
    public void A_monitor_disposed_while_its_socket_is_in_a_blocking_call_ends_with_the_socket() => Watchdog.Run(() =>
    {
        var context = new ZmqContext();
        var monitored = context.CreateSocket(ZmqSocketType.Pull);
        monitored.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
        monitored.Bind("tcp://127.0.0.1:*");
        var monitor = new ZmqMonitor(monitored);
        using var inCall = new ManualResetEventSlim();
        var blocked = Task.Run(() =>
        {
            inCall.Set();
            return monitored.TryReceive(new byte[8], out _);
        });
        inCall.Wait();
        EventWaits.Until(() => monitored.IsGateHeld, "the other thread is inside its receive");
        monitor.Dispose(); // refused to call into the socket: hands its PAIR to the socket's handle
        Assert.False(monitor.TryReceive(out _, TimeSpan.Zero), "a disposed monitor delivers nothing");
        Assert.False(blocked.Wait(TestSockets.Timeout) && blocked.Result, "nothing was sent to the monitored socket");
        monitored.Dispose();

        using var server = context.CreateBounded(ZmqSocketType.Pull);
        ZmqPeerTable serverPeers = server.Peers;
        string endpoint = server.BindAny("tcp");
        var client = context.CreateBounded(ZmqSocketType.Push);
        client.Connect(endpoint);
        EventWaits.Until(() => serverPeers.ConnectedCount == 1, "the client connected");
        client.Dispose();
        EventWaits.Until(() => serverPeers.ConnectedCount == 0, "a socket closed after the monitored one closed its connection");
        server.Dispose();
        var disposing = Task.Run(context.Dispose);
        Assert.True(disposing.Wait(TestSockets.Timeout), "the context terminated: the monitor's PAIR was closed");
    });

    // libzmq keeps one monitor per socket, and a second zmq_socket_monitor silently ended the
    // first: a ZmqMonitor on a socket whose Peers table ran stopped the table for good.
    [Fact]
    public void A_second_monitor_on_one_socket_is_refused_until_the_first_ends() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var tracked = context.CreateBounded(ZmqSocketType.Dealer);
        ZmqPeerTable peers = tracked.Peers;
        var refused = Assert.Throws<InvalidOperationException>(() => new ZmqMonitor(tracked));
        Assert.Contains("already has a monitor", refused.Message, StringComparison.Ordinal);
        Assert.False(peers.IsStopped);

        using var monitored = context.CreateBounded(ZmqSocketType.Dealer);
        var monitor = new ZmqMonitor(monitored);
        Assert.Throws<InvalidOperationException>(() => monitored.Peers);
        monitor.Dispose();
        ZmqPeerTable later = monitored.Peers; // the first monitor ended: the table may start
        using var server = context.CreateBounded(ZmqSocketType.Router);
        monitored.Connect(server.BindAny("tcp"));
        EventWaits.Until(() => later.ConnectedCount == 1, "the table started after the monitor's end tracks the connection");
    });
}
