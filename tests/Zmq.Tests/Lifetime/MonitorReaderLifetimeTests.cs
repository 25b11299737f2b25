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

        AssertTheNextSocketsCloseEndsItsConnection(context);
    });

    /// <summary>A socket created, connected and closed now still closes its connection: the
    /// context's reaper thread is not stuck in an earlier socket's destructor.</summary>
    private static void AssertTheNextSocketsCloseEndsItsConnection(ZmqContext context)
    {
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        ZmqPeerTable serverPeers = server.Peers;
        string endpoint = server.BindAny("tcp");
        var client = context.CreateBounded(ZmqSocketType.Push);
        client.Connect(endpoint);
        EventWaits.Until(() => serverPeers.ConnectedCount == 1, "the client connected");
        client.Dispose();
        EventWaits.Until(() => serverPeers.ConnectedCount == 0,
            "the next socket's close never closed its connection: the context's reaper thread is stuck in the monitored socket's destructor");
    }

    // Disposing a ZmqMonitor stops the native monitor with a call on the socket, which is refused
    // while another thread is in a synchronous call on it. Then the reader keeps draining (events
    // still arrive: a client connects and leaves meanwhile) until the socket's own close stops the
    // monitor, and the monitor's PAIR closes only after that: the context still terminates, and
    // sockets closed later still close their connections.
    [Fact]
    public void A_monitor_disposed_while_its_socket_is_in_a_blocking_call_ends_with_the_socket() => Watchdog.Run(() =>
    {
        var context = new ZmqContext();
        var monitored = context.CreateSocket(ZmqSocketType.Pull);
        monitored.ReceiveTimeout = Timeout.InfiniteTimeSpan;
        string monitoredEndpoint = monitored.BindAny("tcp");
        var monitor = new ZmqMonitor(monitored);
        var blocked = Task.Run(() => monitored.Receive(new byte[8]));
        EventWaits.Until(() => monitored.IsGateHeld, "the other thread is inside its receive");
        monitor.Dispose();
        var stillMonitored = Assert.Throws<InvalidOperationException>(() => new ZmqMonitor(monitored));
        Assert.Contains("already has a monitor", stillMonitored.Message, StringComparison.Ordinal); // the draining path ran: the monitor still runs
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.MonitorStopped, TestSockets.Timeout, out _), "the monitor's end is reported");
        Assert.False(monitor.TryReceive(out _, TimeSpan.Zero), "nothing after MonitorStopped");

        using (var visitor = context.CreateBounded(ZmqSocketType.Push))
        {
            visitor.Connect(monitoredEndpoint);
            visitor.Send(new byte[3]); // ends the blocked receive: its events reach the draining reader
            Assert.True(blocked.Wait(TestSockets.Timeout), "the blocked receive ended");
            Assert.Equal(3, blocked.Result.FrameLength);
        }
        monitored.Dispose();
        AssertTheNextSocketsCloseEndsItsConnection(context);
        var disposing = Task.Run(context.Dispose);
        Assert.True(disposing.Wait(TestSockets.Timeout), "the context terminated: the monitor's PAIR was closed");
    });

    // libzmq is never asked for MONITOR_STOPPED (its blocking send could hang the stopping thread):
    // the monitor reports it itself, last, when disposed and when its socket closes.
    [Fact]
    public void MonitorStopped_is_the_last_event_on_dispose_and_on_the_sockets_close() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using (var socket = context.CreateBounded(ZmqSocketType.Router))
        {
            var monitor = new ZmqMonitor(socket);
            socket.BindAny("tcp");
            Assert.True(monitor.WaitFor(ZmqMonitorEventType.Listening, TestSockets.Timeout, out _));
            monitor.Dispose();
            Assert.True(monitor.WaitFor(ZmqMonitorEventType.MonitorStopped, TestSockets.Timeout, out _));
            Assert.False(monitor.TryReceive(out _, TimeSpan.Zero), "nothing after MonitorStopped");
        }
        var closing = context.CreateBounded(ZmqSocketType.Router);
        using var closingMonitor = new ZmqMonitor(closing);
        closing.Dispose();
        Assert.True(closingMonitor.WaitFor(ZmqMonitorEventType.MonitorStopped, TestSockets.Timeout, out _), "the socket's close ends its monitor");
    });

    // A refused start (the socket already has a monitor) connected its reader to an endpoint nobody
    // would bind: libzmq kept each such reader until the context ended, a socket slot apiece, and
    // the termination then aborted the process (ctx.cpp:169), hence a child process.
    [Fact]
    public void Refused_monitor_starts_leave_no_socket_behind()
    {
        var result = ChildProcess.RunTestHost("refused-monitor-starts", TimeSpan.FromSeconds(60));
        result.AssertSucceeded("refused monitor starts");
        Assert.Contains("refused 100; a socket could still be created", result.Output, StringComparison.Ordinal);
        Assert.Contains("context terminated", result.Output, StringComparison.Ordinal);
    }

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
