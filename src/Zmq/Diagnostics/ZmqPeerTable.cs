using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Zmq.Interop;

namespace Zmq;

// A socket's peer table, kept from its monitor events.
//
// No thread per socket: the monitor's PAIR socket is read by an async loop on the binding's reactor
// (ReceiveMultipartAsync), so a thousand tracked sockets cost a thousand parked waiters on one
// reactor thread, not a thousand threads. The loop handles one event at a time (each continuation
// happens-after the previous one), which makes it the single writer of the owner's connection
// counters (SocketMeters.cs) and of the rows; readers take the rows' lock.
//
// Lifetime, in every dispose order: the owner's Dispose closes its socket (libzmq stops the
// monitor with it) and then calls Stop, which disposes the PAIR; the loop's pending receive fails
// with ObjectDisposedException and the loop ends. A context disposed first shuts the context down:
// the pending receive fails with ZmqContextTerminatedException, and the loop disposes the PAIR
// itself, which releases its reference on the context so zmq_ctx_term can finish.
//
// The monitor uses the version 2 format where the library has the draft API (remote endpoints,
// pipe statistics) and version 1 elsewhere.
/// <summary>
/// The peers of one socket (<see cref="ZmqSocket.Peers"/>): one row per endpoint it listens on or
/// connects to, and per accepted connection, with its state, since when, and its last handshake error.
/// </summary>
/// <remarks>
/// Rows come from the socket's monitor events (<c>zmq_socket_monitor(3)</c>), which libzmq raises
/// for tcp and ipc, not for inproc: an inproc connection has no row. Events arrive shortly after the
/// fact, on a thread-pool thread. <see cref="Snapshot"/>, <see cref="ConnectedCount"/> and
/// <see cref="Changed"/> are safe from any thread.
/// </remarks>
public sealed class ZmqPeerTable
{
    private static readonly Lock s_tablesLock = new();
    private static readonly List<ZmqPeerTable> s_tables = [];
    private static int s_counter;

    private readonly ZmqSocket _owner;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Row> _rows = [];
    private readonly Dictionary<int, string> _keysByDescriptor = [];
    private readonly bool _version2;
    private ZmqSocket? _pair;
    private int _stopped;
    private int _connected;

    internal ZmqPeerTable(ZmqSocket owner)
    {
        _owner = owner;
        _version2 = ZmqLibrary.Has("draft");
        Endpoint = $"inproc://zmq-peers-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
    }

    /// <summary>Raised after a row changed, with the row's new value; on the thread that read the monitor event.
    /// A handler that throws is reported through <see cref="ZmqDiagnostics"/> and otherwise ignored.</summary>
    public event EventHandler<ZmqPeer>? Changed;

    /// <summary>How many rows are <see cref="ZmqPeerState.Connected"/> (handshake done) now.</summary>
    public int ConnectedCount => Volatile.Read(ref _connected);

    /// <summary>Whether tracking ended (the socket or its context was disposed).</summary>
    public bool IsStopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>The inproc endpoint libzmq publishes the socket's monitor events on.</summary>
    internal string Endpoint { get; }

    /// <summary>The rows now, in no particular order; a copy the caller owns.</summary>
    /// <returns>Every row of the table.</returns>
    public IReadOnlyList<ZmqPeer> Snapshot()
    {
        lock (_lock)
        {
            var rows = new ZmqPeer[_rows.Count];
            int i = 0;
            foreach (Row row in _rows.Values)
            {
                rows[i++] = row.Peer;
            }
            return rows;
        }
    }

    /// <summary>
    /// Asks libzmq how many messages each of the socket's pipes holds (<c>zmq_socket_monitor_pipes_stats</c>,
    /// draft API); the counts land in <see cref="ZmqPeer.QueuedOutbound"/> and <see cref="ZmqPeer.QueuedInbound"/>
    /// and the <c>zeromq.peer.queue.depth</c> gauge once the socket is next used (libzmq answers through
    /// the socket's own command queue). Call it from the thread that uses the socket.
    /// </summary>
    /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqException">libzmq refused.</exception>
    public void RequestQueueDepths()
    {
        if (!_version2)
        {
            throw new NotSupportedException(
                $"Queue depths come from zmq_socket_monitor_pipes_stats, part of libzmq's draft API, which the loaded libzmq ({ZmqLibrary.Path}) was built without.");
        }
        _owner.RequestNativePipeStatistics("The tracked socket", Endpoint);
    }

    /// <summary>Starts the monitor and the loop reading it; the caller published the table first.</summary>
    internal void Start()
    {
        _owner.StartNativeMonitor(Endpoint, _version2 ? (ulong)LibZmq.Draft.ZMQ_EVENT_ALL_V2 : (ulong)LibZmq.ZMQ_EVENT_ALL, _version2, "The tracked socket");
        try
        {
            _pair = _owner.Context.CreateHelperSocket(ZmqSocketType.Pair, Timeout.InfiniteTimeSpan, s => s.Connect(Endpoint));
        }
        catch
        {
            Volatile.Write(ref _stopped, 1);
            throw;
        }
        lock (s_tablesLock)
        {
            s_tables.Add(this);
        }
        _ = ReadEventsAsync(_pair);
    }

    /// <summary>Ends tracking; idempotent, any thread.</summary>
    internal void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        lock (s_tablesLock)
        {
            s_tables.Remove(this);
        }
        Volatile.Read(ref _pair)?.Dispose();
    }

    private async Task ReadEventsAsync(ZmqSocket pair)
    {
        try
        {
            while (!IsStopped)
            {
                List<byte[]> frames = await pair.ReceiveMultipartAsync().ConfigureAwait(false);
                if (!Handle(frames))
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is ObjectDisposedException or ZmqContextTerminatedException or OperationCanceledException)
        {
            // The socket or the context went away: tracking ends with them.
        }
#pragma warning disable CA1031 // The loop runs unobserved: report, never crash the process.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "Monitor", "The peer table's monitor loop failed; the table stops updating.", error, _owner);
        }
        finally
        {
            Stop();
            pair.Dispose();
        }
    }

    /// <summary>Applies one event; false when it was the monitor's last.</summary>
    private bool Handle(List<byte[]> frames)
    {
        if (!TryParse(frames, out ZmqMonitorEventType type, out long value, out string local, out string remote))
        {
            return true; // Not a monitor event of the format asked for: ignore rather than stop.
        }
        if (ZmqDiagnostics.HasSubscribers)
        {
            ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Debug, "Monitor",
                $"{type} on {(remote.Length > 0 ? remote : local)} (value {value})", null, _owner);
        }
        SocketMeters meters = _owner.Meters;
        int descriptor = unchecked((int)value);
        switch (type)
        {
            case ZmqMonitorEventType.MonitorStopped:
                return false;
            case ZmqMonitorEventType.Listening:
                Set(local, local, ZmqPeerState.Listening, error: null);
                break;
            case ZmqMonitorEventType.BindFailed:
                Set(local, local, ZmqPeerState.BindFailed, error: null);
                break;
            case ZmqMonitorEventType.ConnectDelayed:
                Set(ConnectKey(local, remote), ConnectEndpoint(local, remote), ZmqPeerState.Connecting, error: null);
                break;
            case ZmqMonitorEventType.ConnectRetried:
                meters.ConnectRetries++;
                Set(ConnectKey(local, remote), ConnectEndpoint(local, remote), ZmqPeerState.Retrying, error: null);
                break;
            case ZmqMonitorEventType.Connected:
                meters.Connected++;
                Track(descriptor, ConnectKey(local, remote));
                Set(ConnectKey(local, remote), ConnectEndpoint(local, remote), ZmqPeerState.Handshaking, error: null);
                break;
            case ZmqMonitorEventType.Accepted:
                meters.Accepted++;
                string key = $"accepted:{descriptor}:{local}";
                Track(descriptor, key);
                Set(key, remote.Length > 0 ? remote : local, ZmqPeerState.Handshaking, error: null);
                break;
            case ZmqMonitorEventType.HandshakeSucceeded:
                SetHandshaking(local, remote, ZmqPeerState.Connected, error: null);
                break;
            case ZmqMonitorEventType.HandshakeFailedNoDetail:
                meters.HandshakeFailures++;
                SetHandshaking(local, remote, ZmqPeerState.HandshakeFailed, $"handshake failed: errno {value}");
                break;
            case ZmqMonitorEventType.HandshakeFailedProtocol:
                meters.HandshakeFailures++;
                SetHandshaking(local, remote, ZmqPeerState.HandshakeFailed, $"protocol error {(ZmqProtocolError)descriptor}");
                break;
            case ZmqMonitorEventType.HandshakeFailedAuth:
                meters.HandshakeFailures++;
                meters.AuthenticationFailures++;
                SetHandshaking(local, remote, ZmqPeerState.HandshakeFailed, $"authentication failed: ZAP status {value}");
                break;
            case ZmqMonitorEventType.Disconnected:
                meters.Disconnected++;
                Disconnect(descriptor, ConnectKey(local, remote));
                break;
            case ZmqMonitorEventType.PipesStats:
                SetQueues(local, remote, frames);
                break;
        }
        return true;
    }

    // A connecting socket's row is keyed by the endpoint it connected to: version 1 reports it as the
    // event's endpoint; version 2 as the remote endpoint (the local one is empty until connected).
    private string ConnectKey(string local, string remote) => _version2 && remote.Length > 0 ? remote : local;

    private string ConnectEndpoint(string local, string remote) => ConnectKey(local, remote);

    private void Track(int descriptor, string key)
    {
        lock (_lock)
        {
            _keysByDescriptor[descriptor] = key;
        }
    }

    /// <summary>A handshake event: the row of that connection, found by remote endpoint (version 2) or as the
    /// newest row of that endpoint still handshaking (version 1 names only the endpoint).</summary>
    private void SetHandshaking(string local, string remote, ZmqPeerState state, string? error)
    {
        string? key = null;
        lock (_lock)
        {
            DateTimeOffset newest = DateTimeOffset.MinValue;
            foreach (var (candidate, row) in _rows)
            {
                bool matches = row.Peer.Endpoint == (remote.Length > 0 ? remote : local) || row.Local == local;
                if (matches && row.Peer.State == ZmqPeerState.Handshaking && row.Peer.Since >= newest)
                {
                    newest = row.Peer.Since;
                    key = candidate;
                }
            }
        }
        if (key is not null)
        {
            Set(key, endpoint: null, state, error);
        }
        else
        {
            string own = ConnectKey(local, remote);
            Set(own, own, state, error);
        }
    }

    private void Disconnect(int descriptor, string fallbackKey)
    {
        string key;
        lock (_lock)
        {
            key = _keysByDescriptor.Remove(descriptor, out string? tracked) ? tracked : fallbackKey;
            // A failed handshake ends in a disconnection too: keep saying why.
            if (_rows.TryGetValue(key, out Row? row) && row.Peer.State == ZmqPeerState.HandshakeFailed)
            {
                return;
            }
        }
        Set(key, endpoint: null, ZmqPeerState.Disconnected, error: null);
    }

    private void SetQueues(string local, string remote, List<byte[]> frames)
    {
        if (frames.Count < 4 + 2)
        {
            return;
        }
        long outbound = (long)BinaryPrimitives.ReadUInt64LittleEndian(frames[2]);
        long inbound = (long)BinaryPrimitives.ReadUInt64LittleEndian(frames[3]);
        ZmqPeer? changed = null;
        lock (_lock)
        {
            foreach (Row row in _rows.Values)
            {
                if (row.Peer.Endpoint == remote || (row.Local == local && row.Peer.Endpoint == local && row.Peer.State != ZmqPeerState.Listening))
                {
                    row.Peer = row.Peer with { QueuedOutbound = outbound, QueuedInbound = inbound };
                    changed = row.Peer;
                    break;
                }
            }
        }
        if (changed is not null)
        {
            RaiseChanged(changed);
        }
    }

    /// <summary>Moves a row to <paramref name="state"/>, creating it if new (when <paramref name="endpoint"/> is given).</summary>
    private void Set(string key, string? endpoint, ZmqPeerState state, string? error)
    {
        ZmqPeer peer;
        lock (_lock)
        {
            if (!_rows.TryGetValue(key, out Row? row))
            {
                if (endpoint is null)
                {
                    return;
                }
                row = new Row(new ZmqPeer(endpoint, state, DateTimeOffset.UtcNow, error), key.StartsWith("accepted:", StringComparison.Ordinal) ? key[(key.IndexOf(':', 9) + 1)..] : endpoint);
                _rows[key] = row;
                if (state == ZmqPeerState.Connected)
                {
                    _connected++;
                }
                peer = row.Peer;
            }
            else
            {
                ZmqPeerState before = row.Peer.State;
                row.Peer = row.Peer with
                {
                    State = state,
                    Since = before == state ? row.Peer.Since : DateTimeOffset.UtcNow,
                    LastHandshakeError = error ?? row.Peer.LastHandshakeError,
                };
                if (before != ZmqPeerState.Connected && state == ZmqPeerState.Connected)
                {
                    _connected++;
                }
                else if (before == ZmqPeerState.Connected && state != ZmqPeerState.Connected)
                {
                    _connected--;
                }
                peer = row.Peer;
            }
            Debug.Assert(_connected >= 0 && _connected <= _rows.Count, "the connected count is a count of rows");
        }
        RaiseChanged(peer);
    }

    private void RaiseChanged(ZmqPeer peer)
    {
        EventHandler<ZmqPeer>? handler = Changed;
        if (handler is null)
        {
            return;
        }
        try
        {
            handler(this, peer);
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the table.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Warning, "Monitor", "A ZmqPeerTable.Changed handler threw; the table goes on.", error, _owner);
        }
    }

    /// <summary>Version 1: [event:u16 value:u32][endpoint]. Version 2: [event:u64][count:u64][value:u64]×count[local][remote].</summary>
    private bool TryParse(List<byte[]> frames, out ZmqMonitorEventType type, out long value, out string local, out string remote)
    {
        type = ZmqMonitorEventType.None;
        value = 0;
        local = remote = string.Empty;
        if (!_version2)
        {
            if (frames.Count != 2 || frames[0].Length != 6)
            {
                return false;
            }
            type = (ZmqMonitorEventType)BinaryPrimitives.ReadUInt16LittleEndian(frames[0]);
            value = BinaryPrimitives.ReadInt32LittleEndian(frames[0].AsSpan(2));
            local = Encoding.UTF8.GetString(frames[1]);
            return true;
        }
        if (frames.Count < 4 || frames[0].Length != 8 || frames[1].Length != 8)
        {
            return false;
        }
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(frames[1]);
        if (count > 16 || frames.Count != 4 + (int)count)
        {
            return false;
        }
        for (int i = 0; i < (int)count; i++)
        {
            if (frames[2 + i].Length != 8)
            {
                return false;
            }
        }
        type = (ZmqMonitorEventType)BinaryPrimitives.ReadUInt64LittleEndian(frames[0]);
        value = count > 0 ? (long)BinaryPrimitives.ReadUInt64LittleEndian(frames[2]) : 0;
        local = Encoding.UTF8.GetString(frames[^2]);
        remote = Encoding.UTF8.GetString(frames[^1]);
        return true;
    }

    /// <summary>The zeromq.connections.active measurements: connected rows per (type, name).</summary>
    internal static IEnumerable<Measurement<long>> ObserveConnected()
    {
        var sums = new Dictionary<(ZmqSocketType, string?), long>();
        lock (s_tablesLock)
        {
            foreach (ZmqPeerTable table in s_tables)
            {
                var key = (table._owner.SocketType, table._owner.Name);
                sums.TryGetValue(key, out long sum);
                sums[key] = sum + table.ConnectedCount;
            }
        }
        var measurements = new List<Measurement<long>>(sums.Count);
        foreach (var ((type, name), count) in sums)
        {
            measurements.Add(new Measurement<long>(count, ZmqMetrics.Tags(type, name, operation: null)));
        }
        return measurements;
    }

    /// <summary>The zeromq.peer.queue.depth measurements: one per row and direction that has a count.</summary>
    internal static IEnumerable<Measurement<long>> ObserveQueueDepths()
    {
        var measurements = new List<Measurement<long>>();
        ZmqPeerTable[] tables;
        lock (s_tablesLock)
        {
            tables = [.. s_tables];
        }
        foreach (ZmqPeerTable table in tables)
        {
            foreach (ZmqPeer peer in table.Snapshot())
            {
                Add(table._owner, peer, "outbound", peer.QueuedOutbound);
                Add(table._owner, peer, "inbound", peer.QueuedInbound);
            }
        }
        return measurements;

        void Add(ZmqSocket owner, ZmqPeer peer, string direction, long? depth)
        {
            if (depth is long value)
            {
                KeyValuePair<string, object?>[] socketTags = ZmqMetrics.Tags(owner.SocketType, owner.Name, operation: null);
                var tags = new KeyValuePair<string, object?>[socketTags.Length + 2];
                socketTags.CopyTo(tags, 0);
                tags[^2] = new("zeromq.peer.endpoint", peer.Endpoint);
                tags[^1] = new("zeromq.queue.direction", direction);
                measurements.Add(new Measurement<long>(value, tags));
            }
        }
    }

    private sealed class Row(ZmqPeer peer, string local)
    {
        public ZmqPeer Peer { get; set; } = peer;

        /// <summary>The local (listening or connect) endpoint the row belongs to, for version 1 events that name only that.</summary>
        public string Local { get; } = local;
    }
}
