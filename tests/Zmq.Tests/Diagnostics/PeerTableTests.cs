using Zmq.Tests.Support;

namespace Zmq.Tests.Diagnostics;

/// <summary>The peer table and the connection instruments it feeds, from real connections over tcp.</summary>
public class PeerTableTests
{
    private static ZmqPeer WaitForRow(ZmqSocket socket, Func<ZmqPeer, bool> match, string what)
    {
        ZmqPeer? found = null;
        EventWaits.Until(() => (found = socket.Peers.Snapshot().FirstOrDefault(match)) is not null,
            $"{what}; rows: {string.Join(", ", socket.Peers.Snapshot())}");
        return found!;
    }

    [Fact]
    public void A_connection_shows_connected_then_disconnected_with_timestamps_and_counts() => Watchdog.Run(() =>
    {
        using var meters = new MeterCapture();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Router);
        string serverName = MeterCapture.UniqueName("peers-server"), clientName = MeterCapture.UniqueName("peers-client");
        server.Name = serverName;
        ZmqPeerTable serverPeers = server.Peers; // before the bind: sees Listening
        string endpoint = server.BindAny("tcp");
        ZmqPeer listening = WaitForRow(server, p => p.State == ZmqPeerState.Listening, "the bound endpoint is listed");
        Assert.Equal(endpoint, listening.Endpoint);

        var client = context.CreateBounded(ZmqSocketType.Dealer);
        client.Name = clientName;
        DateTimeOffset beforeConnect = DateTimeOffset.UtcNow;
        _ = client.Peers;
        client.Connect(endpoint);
        ZmqPeer connected = WaitForRow(client, p => p.Endpoint == endpoint && p.State == ZmqPeerState.Connected, "the client's row is connected");
        ZmqPeer accepted = WaitForRow(server, p => p.State == ZmqPeerState.Connected, "the server's accepted row is connected");
        Assert.True(connected.Since >= beforeConnect.AddSeconds(-1));
        Assert.Null(connected.LastHandshakeError);
        EventWaits.Until(() => serverPeers.ConnectedCount == 1, "the server counts one connected peer");
        Assert.Equal(1, meters.WaitFor("zeromq.connections.accepted", serverName, 1));
        Assert.Equal(1, meters.WaitFor("zeromq.connections.established", clientName, 1));
        Assert.Equal(1, meters.WaitFor("zeromq.connections.active", serverName, 1));

        client.Dispose(); // the server sees the session end
        ZmqPeer gone = WaitForRow(server, p => p.State == ZmqPeerState.Disconnected, "the server's row is disconnected");
        Assert.True(gone.Since >= accepted.Since);
        Assert.Equal(0, serverPeers.ConnectedCount);
        Assert.Equal(1, meters.WaitFor("zeromq.connections.closed", serverName, 1));
        Assert.Equal(0, meters.Read("zeromq.connections.active", serverName));
        Assert.True(client.Peers.IsStopped);
    });

    // Closing a socket stops its monitor before its sessions end, so no Disconnected event reports
    // them. Before the table counted them when the socket was disposed, a server closed with three peers was left
    // at accepted 3, closed 0, active 0.
    [Fact]
    public void Connections_a_socket_ends_by_closing_are_counted_closed() => Watchdog.Run(() =>
    {
        using var meters = new MeterCapture();
        using var context = new ZmqContext();
        var server = context.CreateBounded(ZmqSocketType.Router);
        string name = MeterCapture.UniqueName("peers-closing");
        server.Name = name;
        ZmqPeerTable peers = server.Peers;
        string endpoint = server.BindAny("tcp");
        var clients = new List<ZmqSocket>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var client = context.CreateBounded(ZmqSocketType.Dealer);
                clients.Add(client);
                client.Connect(endpoint);
            }
            EventWaits.Until(() => peers.ConnectedCount == 3, $"the server counts three peers; rows: {string.Join(", ", peers.Snapshot())}");
            server.Dispose();
            Assert.Equal(3, meters.WaitFor("zeromq.connections.closed", name, 3));
            Assert.Equal(3, meters.Read("zeromq.connections.accepted", name));
            Assert.Equal(0, meters.Read("zeromq.connections.active", name));
            EventWaits.Until(() => peers.Snapshot().Count(p => p.State == ZmqPeerState.Disconnected) == 3,
                $"the closed socket's rows say disconnected; rows: {string.Join(", ", peers.Snapshot())}");
            Assert.Equal(0, peers.ConnectedCount);
        }
        finally
        {
            server.Dispose();
            foreach (ZmqSocket client in clients)
            {
                client.Dispose();
            }
        }
    });

    // A service binds tcp://*:port: the accepted row names the listener (0.0.0.0), the handshake
    // event the connection's own address (127.0.0.1). Before handshakes were matched by the peer's
    // address (or the port), the handshake made a second, untracked row that stayed Connected after
    // the peer left: ConnectedCount stuck at 1 and the health check healthy with nobody connected.
    [Fact]
    public void A_peer_of_a_wildcard_bind_is_counted_out_when_it_leaves() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Router);
        ZmqPeerTable peers = server.Peers;
        server.Bind("tcp://*:*");
        string port = server.LastEndpoint[(server.LastEndpoint.LastIndexOf(':') + 1)..];
        var client = context.CreateBounded(ZmqSocketType.Dealer);
        client.Connect($"tcp://127.0.0.1:{port}");
        EventWaits.Until(() => peers.ConnectedCount == 1, $"the server counts one connected peer; rows: {string.Join(", ", peers.Snapshot())}");
        client.Dispose();
        EventWaits.Until(() => peers.ConnectedCount == 0, $"the server counts no connected peer once it left; rows: {string.Join(", ", peers.Snapshot())}");
        Assert.DoesNotContain(peers.Snapshot(), p => p.State == ZmqPeerState.Connected);
    });

    [Fact]
    public void A_connect_to_nothing_is_retried_and_counted() => Watchdog.Run(() =>
    {
        using var meters = new MeterCapture();
        using var context = new ZmqContext();
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        string name = MeterCapture.UniqueName("retry");
        client.Name = name;
        client.ReconnectInterval = TimeSpan.FromMilliseconds(20);
        _ = client.Peers;
        string endpoint = Endpoints.ReleasedTcpEndpoint(context);
        client.Connect(endpoint);
        Assert.True(meters.WaitFor("zeromq.connect.retries", name, 2) >= 2);
        WaitForRow(client, p => p.Endpoint == endpoint && p.State is ZmqPeerState.Retrying or ZmqPeerState.Connecting, "the endpoint is being retried");
    });

    [Fact]
    public void A_curve_client_with_the_wrong_server_key_is_a_handshake_failure() => Watchdog.Run(() =>
    {
        using var meters = new MeterCapture();
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        using var client = context.CreateBounded(ZmqSocketType.Push);
        string name = MeterCapture.UniqueName("curve-bad");
        server.Name = name;
        server.MakeCurveServer(serverKeys);
        client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), ZmqCurve.GenerateKeyPair().PublicKey);
        _ = server.Peers;
        client.Connect(server.BindAny("tcp"));
        Assert.True(meters.WaitFor("zeromq.handshake.failures", name, 1) >= 1);
        ZmqPeer failed = WaitForRow(server, p => p.State == ZmqPeerState.HandshakeFailed, "the server lists the failed handshake");
        Assert.NotNull(failed.LastHandshakeError);
        Assert.Equal(0, server.Peers.ConnectedCount);
        Assert.Equal(0, meters.Read("zeromq.authentication.failures", name));
    });

    // Good CURVE clients connect one by one while clients with a wrong server key keep retrying on the
    // same listener. Before handshakes were matched to their own connection, a failure was given to
    // the newest row still handshaking (often a good client's) and that client's success then to a
    // failing row, which its disconnection counted out: the good client stayed "HandshakeFailed" and
    // the count ended below the clients connected.
    // Version 1 names only the listener in handshake events (a libzmq without the draft API); the
    // table then settles which handshake failed by the disconnection that follows.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Good_and_failing_handshakes_at_once_on_one_listener_count_exactly(int format) => Watchdog.Run(TimeSpan.FromSeconds(90), () =>
    {
        const int goodClients = 24;
        var faults = new System.Collections.Concurrent.ConcurrentQueue<string>();
        string name = MeterCapture.UniqueName("peers-mixed");
        EventHandler<ZmqDiagnosticEventArgs> onFault = (_, e) =>
        {
            if (e.Level >= ZmqDiagnosticLevel.Warning && e.SocketName == name)
            {
                faults.Enqueue($"{e.Category}: {e.Message} {e.Exception}");
            }
        };
        ZmqDiagnostics.Event += onFault;
        using var unsubscribe = new Disposer(() => ZmqDiagnostics.Event -= onFault);
        using var meters = new MeterCapture();
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Router);
        server.Name = name;
        server.MakeCurveServer(serverKeys);
        server.PeerTableVersion1 = format == 1; // version 2 where the library has it (both libraries tested here do)
        ZmqPeerTable peers = server.Peers;
        string endpoint = server.BindAny("tcp");
        var failing = new List<ZmqSocket>();
        var good = new List<ZmqSocket>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var client = context.CreateBounded(ZmqSocketType.Dealer);
                failing.Add(client);
                client.ReconnectInterval = TimeSpan.FromMilliseconds(10);
                client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), ZmqCurve.GenerateKeyPair().PublicKey);
                client.Connect(endpoint);
            }
            for (int i = 0; i < goodClients; i++)
            {
                // Each good client starts while the failing ones are mid-retry.
                long failures = meters.Read("zeromq.handshake.failures", name);
                meters.WaitFor("zeromq.handshake.failures", name, failures + 1);
                var client = context.CreateBounded(ZmqSocketType.Dealer);
                good.Add(client);
                client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), serverKeys.PublicKey);
                _ = client.Peers;
                client.Connect(endpoint);
            }
            foreach (ZmqSocket client in good)
            {
                WaitForRow(client, p => p.State == ZmqPeerState.Connected, "every good client completes its handshake");
            }
        }
        finally
        {
            foreach (ZmqSocket client in failing)
            {
                client.Dispose();
            }
        }
        EventWaits.Until(() => !peers.Snapshot().Any(p => p.State == ZmqPeerState.Handshaking) && peers.ConnectedCount == goodClients,
            $"the server counts exactly the {goodClients} good clients once the failing ones left; count {peers.ConnectedCount}, rows: {string.Join(", ", peers.Snapshot().Where(p => p.State != ZmqPeerState.Disconnected))}; faults: {string.Join(" | ", faults)}");
        Assert.Equal(goodClients, peers.Snapshot().Count(p => p.State == ZmqPeerState.Connected));
        Assert.Equal(goodClients, meters.Read("zeromq.connections.active", name));
        foreach (ZmqSocket client in good)
        {
            client.Dispose();
        }
        EventWaits.Until(() => peers.ConnectedCount == 0, $"the server counts no peer once all left; rows: {string.Join(", ", peers.Snapshot().Where(p => p.State == ZmqPeerState.Connected))}; faults: {string.Join(" | ", faults)}");
        Assert.Empty(faults);
    });

    [Fact]
    public void A_zap_denial_is_an_authentication_failure_and_a_diagnostic() => Watchdog.Run(() =>
    {
        using var meters = new MeterCapture();
        var reports = new List<ZmqDiagnosticEventArgs>();
        EventHandler<ZmqDiagnosticEventArgs> handler = (_, e) => { lock (reports) { reports.Add(e); } };
        ZmqDiagnostics.Event += handler;
        try
        {
            using var context = new ZmqContext();
            using var auth = new ZmqAuthenticator(context);
            auth.AddPlainUser("admin", "secret");
            using var server = context.CreateBounded(ZmqSocketType.Pull);
            string name = MeterCapture.UniqueName("zap-denied");
            server.Name = name;
            server.PlainServer = true;
            _ = server.Peers;
            string endpoint = server.BindAny("tcp");
            using var client = context.CreateBounded(ZmqSocketType.Push);
            client.PlainUsername = "admin";
            client.PlainPassword = "guess";
            client.Connect(endpoint);
            Assert.True(meters.WaitFor("zeromq.authentication.failures", name, 1) >= 1);
            Assert.True(meters.Read("zeromq.handshake.failures", name) >= 1);
            ZmqPeer denied = WaitForRow(server, p => p.State == ZmqPeerState.HandshakeFailed, "the server lists the denied peer");
            Assert.Contains("400", denied.LastHandshakeError, StringComparison.Ordinal);
            EventWaits.Until(() => { lock (reports) { return reports.Any(r => r.Category == "Authentication" && r.Level == ZmqDiagnosticLevel.Warning); } },
                "the ZAP denial is reported");
            EventWaits.Until(() => { lock (reports) { return reports.Any(r => r.Category == "Monitor" && r.Level == ZmqDiagnosticLevel.Debug && r.SocketName == name); } },
                "the tracked socket's monitor events are reported at debug level");
        }
        finally
        {
            ZmqDiagnostics.Event -= handler;
        }
    });

    [Fact]
    public void Queue_depths_come_from_pipe_statistics_or_are_not_supported() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        using var client = context.CreateBounded(ZmqSocketType.Push);
        ZmqPeerTable peers = client.Peers;
        client.Connect(server.BindAny("tcp"));
        WaitForRow(client, p => p.State == ZmqPeerState.Connected, "the client is connected");
        if (!ZmqLibrary.Has("draft"))
        {
            var error = Assert.Throws<NotSupportedException>(peers.RequestQueueDepths);
            Assert.Contains("draft", error.Message, StringComparison.Ordinal);
            return;
        }
        for (int i = 0; i < 3; i++)
        {
            client.Send(new byte[8]);
        }
        using var meters = new MeterCapture();
        client.Name = MeterCapture.UniqueName("depth");
        ZmqPeer? row = null;
        EventWaits.Until(() =>
        {
            peers.RequestQueueDepths();
            _ = client.Events; // libzmq answers through the socket's command queue
            row = peers.Snapshot().FirstOrDefault(p => p.QueuedOutbound is not null);
            return row is not null;
        }, "a pipe statistics event reached the table");
        Assert.InRange(row!.QueuedOutbound!.Value, 0, 3);
        Assert.NotNull(row.QueuedInbound);
        Assert.NotEmpty(meters.ReadAll("zeromq.peer.queue.depth", client.Name!));
    });

    [Fact]
    public void Tracking_ends_in_either_dispose_order_without_hanging() => Watchdog.Run(TimeSpan.FromSeconds(30), () =>
    {
        // Socket first.
        using (var context = new ZmqContext())
        {
            var socket = context.CreateBounded(ZmqSocketType.Dealer);
            ZmqPeerTable peers = socket.Peers;
            socket.Connect(Endpoints.ReleasedTcpEndpoint(context));
            socket.Dispose();
            Assert.True(peers.IsStopped);
        }
        // Context first: its shutdown ends the monitor loop, which closes its PAIR, so termination completes.
        var context2 = new ZmqContext();
        var socket2 = context2.CreateBounded(ZmqSocketType.Dealer);
        ZmqPeerTable peers2 = socket2.Peers;
        socket2.Connect(Endpoints.ReleasedTcpEndpoint(context2));
        var disposing = Task.Run(context2.Dispose);
        EventWaits.Until(() => peers2.IsStopped, "the peer table stops when its context is disposed");
        socket2.Dispose();
        Assert.True(disposing.Wait(TestSockets.Timeout), "the context's termination completed");
    });

    // A Changed handler that waits for its socket's Dispose on another thread. The table raised
    // Changed while holding the lock its close-out (Stop, run by Dispose) takes: the Dispose waited
    // for the handler and the handler for the Dispose, until the handler's wait ran out.
    [Fact]
    public void A_Changed_handler_can_wait_for_its_socket_to_be_disposed_on_another_thread() => Watchdog.Run(() =>
    {
        using var tracked = new TrackedClient("peers-dispose-elsewhere");
        int handled = 0;
        bool disposedInTime = false;
        using var done = new ManualResetEventSlim();
        tracked.Peers.Changed += (_, peer) =>
        {
            if (peer.State == ZmqPeerState.Connected && Interlocked.Exchange(ref handled, 1) == 0)
            {
                disposedInTime = Task.Run(tracked.Client.Dispose).Wait(TestSockets.Timeout);
                done.Set();
            }
        };
        tracked.Connect();
        Assert.True(done.Wait(TestSockets.Timeout * 2), "the handler saw the connection and returned");
        Assert.True(disposedInTime, "the socket's Dispose on another thread returned while the Changed handler waited for it");
        Assert.True(tracked.Peers.IsStopped);
        EventWaits.Until(() => tracked.Peers.Snapshot().Any(p => p.State == ZmqPeerState.Disconnected), "the close-out marked the connection disconnected");
        tracked.AssertCountedOnce();
    });

    // A Changed handler that disposes its own socket. The close-out ran inside the handler's call
    // (the lock is re-entrant on one thread) and raised the Disconnected change from within it: a
    // handler was re-entered before it returned, and saw the rows change under the event it was
    // being told about. Now the close-out's changes are raised after the handler returns, in order.
    [Fact]
    public void A_Changed_handler_that_disposes_its_socket_is_not_reentered_and_counts_once() => Watchdog.Run(() =>
    {
        using var tracked = new TrackedClient("peers-dispose-inside");
        int depth = 0, deepest = 0;
        var seen = new List<ZmqPeerState>();
        tracked.Peers.Changed += (_, peer) =>
        {
            int now = Interlocked.Increment(ref depth);
            lock (seen)
            {
                deepest = Math.Max(deepest, now);
                seen.Add(peer.State);
            }
            if (peer.State == ZmqPeerState.Connected)
            {
                tracked.Client.Dispose();
            }
            Interlocked.Decrement(ref depth);
        };
        tracked.Connect();
        EventWaits.Until(() => { lock (seen) { return seen.Contains(ZmqPeerState.Disconnected); } }, "the close-out's change was raised");
        Assert.True(tracked.Peers.IsStopped);
        lock (seen)
        {
            Assert.Equal(1, deepest);
            Assert.Equal(ZmqPeerState.Disconnected, seen[^1]);
            Assert.Equal(seen.IndexOf(ZmqPeerState.Connected) + 1, seen.IndexOf(ZmqPeerState.Disconnected));
        }
        tracked.AssertCountedOnce();
    });

    /// <summary>A named, tracked DEALER and the tcp ROUTER it connects to, in a context of their own;
    /// subscribe to <see cref="Peers"/> before <see cref="Connect"/>.</summary>
    private sealed class TrackedClient : IDisposable
    {
        private readonly MeterCapture _meters = new();
        private readonly ZmqContext _context = new();
        private readonly ZmqSocket _server;
        private readonly string _endpoint;
        private readonly string _name;

        public TrackedClient(string prefix)
        {
            _server = _context.CreateBounded(ZmqSocketType.Router);
            _endpoint = _server.BindAny("tcp");
            Client = _context.CreateBounded(ZmqSocketType.Dealer);
            _name = MeterCapture.UniqueName(prefix);
            Client.Name = _name;
            Peers = Client.Peers;
        }

        public ZmqSocket Client { get; }

        public ZmqPeerTable Peers { get; }

        public void Connect() => Client.Connect(_endpoint);

        /// <summary>The client's one connection was counted established once and closed once, and nothing is connected.</summary>
        public void AssertCountedOnce()
        {
            Assert.Equal(0, Peers.ConnectedCount);
            Assert.Equal(1, _meters.WaitFor("zeromq.connections.closed", _name, 1));
            Assert.Equal(1, _meters.Read("zeromq.connections.established", _name));
        }

        public void Dispose()
        {
            Client.Dispose(); // idempotent: the tests' handlers dispose it, unless they failed first
            _server.Dispose();
            _context.Dispose();
            _meters.Dispose();
        }
    }
}

/// <summary>Runs an action at the end of a using scope.</summary>
internal sealed class Disposer(Action action) : IDisposable
{
    public void Dispose() => action();
}
