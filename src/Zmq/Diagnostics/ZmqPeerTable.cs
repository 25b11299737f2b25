using System.Diagnostics;
using System.Diagnostics.Metrics;
using Zmq.Interop;

namespace Zmq;

// A socket's peer table, kept from its monitor events.
//
// No thread per socket: the monitor's PAIR socket is read by an async loop on the binding's reactor
// (ReceiveMultipartAsync), so a thousand tracked sockets cost a thousand parked waiters on one
// reactor thread, not a thousand threads. The loop handles one event at a time (each continuation
// happens-after the previous one); it and Stop's close-out are the only writers of the owner's
// connection counters (SocketMeters.cs) and of the rows, and exclude each other (_eventLock);
// readers take the rows' lock.
//
// User code never runs under either lock. Changed handlers and the diagnostics a change reports are
// queued under _eventLock, in the order the changes were made, and raised once it is released by
// one thread at a time: whichever queued them, unless another thread is raising already, which then
// raises them too, after the handler it is in. So a handler may dispose the socket (the close-out
// takes _eventLock, which nobody holds while a handler runs) or wait for another thread that does;
// the close-out it causes is raised after it returns, never inside it. Nothing is counted twice: the
// state and the counters change only under _eventLock, in one piece per event or close-out. The
// queue stays short: until the close-out only the loop queues, and while it raises (a handler that
// blocks) it reads no further event; after the close-out nothing more is queued.
//
// Lifetime, in every dispose order. The PAIR is connected before the monitor starts and closed
// only once nothing can send into it, since libzmq's monitor sends block (ZmqSocket.NativeMonitor.cs
// has the argument). The owner's Dispose calls Stop, which closes the table out and hands the PAIR
// to the socket's handle; just before zmq_close the handle stops the monitor and closes the PAIR,
// failing the loop's pending receive with ObjectDisposedException. A context disposed first shuts
// the context down, which ends its monitors: the pending receive fails with
// ZmqContextTerminatedException, and the loop stops the table and closes the PAIR itself, which
// releases its reference on the context so zmq_ctx_term can finish. Until one of those, the loop
// reads every event, also after the table stopped using them.
//
// Closing out. The socket's monitor stops just before its close, so no Disconnected event ever
// reports the connections the close itself ends. Stop counts every row
// still connected or handshaking as closed and marks it so; events still unread in the PAIR are
// dropped (a connection accepted just before the close is then neither accepted nor closed), so
// accepted + established = closed + active holds after the socket is gone. The loop's event handling
// and the close-out exclude each other (_eventLock), so no connection is counted closed twice.
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
/// <see cref="Changed"/> are safe from any thread. A listener keeps the rows of its last 64 ended
/// connections (disconnected or failed handshakes); older ones leave the table. When the socket is
/// disposed, the rows still connected are marked disconnected and counted closed.
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
    private readonly Dictionary<string, Queue<string>> _pendingFailures = [];
    private readonly Queue<string> _endedAccepted = []; // keys of accepted rows that ended, oldest first
    private readonly Lock _eventLock = new(); // one event at a time, or the close-out; guards the two below
    private readonly Queue<Notice> _notices = []; // changes and reports to raise, in order
    private bool _raising; // a thread raises the queued notices: the others leave them to it
    private long _acceptedSequence;
    private bool _failed; // a handler threw: the table stops updating (the loop still drains)
    private readonly bool _version2;
    private int _stopped;
    private int _connected;

    internal ZmqPeerTable(ZmqSocket owner)
    {
        _owner = owner;
        _version2 = !owner.PeerTableVersion1 && ZmqLibrary.Has("draft");
        Endpoint = $"inproc://zmq-peers-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
    }

    /// <summary>
    /// Raised after a row changed, with the row's new value: one change at a time, in the order the
    /// rows changed, and never under the table's locks: a handler may read the table. It runs on the
    /// thread that read the monitor event (a thread-pool thread; the reactor's in the inline mode of
    /// docs/async.md, where a handler that waits stalls every async operation); the close-out's
    /// changes (the rows a dispose marks disconnected) may also run on the thread that disposed the
    /// socket. Changes made while a handler runs are raised after it returns, on its thread, so
    /// <c>Dispose</c> may return before the close-out's changes are raised and while a handler still
    /// runs. To dispose the socket from a handler, hand the dispose to another thread and return:
    /// disposing it inline (or waiting for a thread that does) is safe unless about 2,000 monitor
    /// events are unread, when libzmq's monitor stop waits for this very reader. A handler that
    /// throws is reported through <see cref="ZmqDiagnostics"/> and otherwise ignored.
    /// </summary>
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

    /// <summary>Connects the reader, starts the monitor and the loop reading it; the caller published the table first.</summary>
    internal void Start()
    {
        // The reader is connected before the monitor starts, and closed by the socket's handle
        // once the monitor stopped (ZmqSocket.NativeMonitor.cs says why).
        ZmqSocket pair;
        try
        {
            pair = _owner.StartNativeMonitor(Endpoint, _version2 ? (ulong)LibZmq.Draft.ZMQ_EVENT_ALL_V2 : (ulong)LibZmq.ZMQ_EVENT_ALL, _version2, "The tracked socket", Timeout.InfiniteTimeSpan);
        }
        catch
        {
            Volatile.Write(ref _stopped, 1);
            throw;
        }
        lock (s_tablesLock)
        {
            if (!IsStopped) // Stop may already have run (the socket closed meanwhile): it removed nothing.
            {
                s_tables.Add(this);
            }
        }
        _ = ReadEventsAsync(pair);
    }

    /// <summary>How many ended connections a listener's table keeps (the oldest go first), so a client
    /// that keeps failing its handshake cannot grow the table without bound.</summary>
    internal const int EndedConnectionsKept = 64;

    /// <summary>Ends tracking (the socket or its context was disposed, or tracking failed to start):
    /// closes the table out; idempotent, any thread.</summary>
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
        lock (_eventLock)
        {
            CloseRemaining(_owner.Meters);
        }
        RaiseNotices();
        // The PAIR stays open, read, until the socket's handle has stopped the monitor and closes it.
    }

    // The loop reads until the PAIR is closed (by the socket's handle, once the monitor stopped) or
    // the context is shut down. It never stops reading before that, not even once the table was
    // closed out or a handler failed: an unread PAIR would fill, and libzmq's blocking monitor send
    // would then stall the I/O thread.
    private async Task ReadEventsAsync(ZmqSocket pair)
    {
        try
        {
            while (true)
            {
                List<byte[]> frames;
                try
                {
                    frames = await pair.ReceiveMultipartAsync().ConfigureAwait(false);
                }
                catch (Exception error) when (error is not (ZmqContextTerminatedException or ObjectDisposedException))
                {
                    // Not expected: report it, and go on reading (an unread PAIR would block the I/O thread).
                    ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "Monitor", "The peer table's monitor read failed; it reads on.", error, _owner);
                    await Task.Delay(100).ConfigureAwait(false);
                    continue;
                }
                Handle(frames);
            }
        }
        catch (ZmqContextTerminatedException)
        {
            // The PAIR first: the context's termination waits for it, and Stop raises the close-out's
            // Changed handlers, one of which may wait for the thread terminating the context.
            _owner.CloseMonitorReaderAfterShutdown(pair);
            Stop();
        }
        catch (ObjectDisposedException)
        {
            // The socket's close stopped the monitor and closed the PAIR (OwnedSocketHandle.ReleaseAfterMonitorStops).
            Stop();
        }
    }

    /// <summary>Applies one event, or drops it once the table was closed out or failed.</summary>
    private void Handle(List<byte[]> frames)
    {
        lock (_eventLock)
        {
            if (IsStopped || _failed)
            {
                return;
            }
            try
            {
                HandleEvent(frames);
            }
#pragma warning disable CA1031 // The loop runs unobserved: report, never crash the process, never stop reading.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _failed = true;
                Report(ZmqDiagnosticLevel.Error, "The peer table failed on a monitor event; it stops updating.", error);
            }
        }
        RaiseNotices();
    }

    private void HandleEvent(List<byte[]> frames)
    {
        if (!NativeMonitorEvent.TryParse(frames, _version2, out NativeMonitorEvent monitorEvent))
        {
            return; // Not a monitor event of the format asked for: ignore rather than stop.
        }
        ZmqMonitorEventType type = monitorEvent.Type;
        long value = monitorEvent.Value;
        string local = monitorEvent.Local, remote = monitorEvent.Remote;
        if (ZmqDiagnostics.HasSubscribers)
        {
            Report(ZmqDiagnosticLevel.Debug, $"{type} on {(remote.Length > 0 ? remote : local)} (value {value})", null);
        }
        SocketMeters meters = _owner.Meters;
        int descriptor = unchecked((int)value);
        switch (type)
        {
            case ZmqMonitorEventType.Listening:
                Set(local, local, ZmqPeerState.Listening, error: null);
                break;
            case ZmqMonitorEventType.BindFailed:
                Set(local, local, ZmqPeerState.BindFailed, error: null);
                break;
            case ZmqMonitorEventType.ConnectDelayed:
                Set(ConnectKey(local, remote), ConnectKey(local, remote), ZmqPeerState.Connecting, error: null);
                break;
            case ZmqMonitorEventType.ConnectRetried:
                meters.CountConnection(SocketCounter.ConnectRetries);
                Set(ConnectKey(local, remote), ConnectKey(local, remote), ZmqPeerState.Retrying, error: null);
                break;
            case ZmqMonitorEventType.Connected:
                meters.CountConnection(SocketCounter.Connected);
                Track(descriptor, ConnectKey(local, remote));
                Set(ConnectKey(local, remote), ConnectKey(local, remote), ZmqPeerState.Handshaking, error: null);
                break;
            case ZmqMonitorEventType.Accepted:
                meters.CountConnection(SocketCounter.Accepted);
                // Keyed by a sequence, not the descriptor: the OS reuses a descriptor for the next
                // connection, which must get a row of its own.
                string key = $"accepted:{++_acceptedSequence}";
                Track(descriptor, key);
                AddAccepted(key, remote.Length > 0 ? remote : local, local);
                break;
            case ZmqMonitorEventType.HandshakeSucceeded:
                SetHandshaking(local, remote, ZmqPeerState.Connected, error: null);
                break;
            case ZmqMonitorEventType.HandshakeFailedNoDetail:
                meters.CountConnection(SocketCounter.HandshakeFailures);
                SetHandshaking(local, remote, ZmqPeerState.HandshakeFailed, $"handshake failed: errno {value}");
                break;
            case ZmqMonitorEventType.HandshakeFailedProtocol:
                meters.CountConnection(SocketCounter.HandshakeFailures);
                SetHandshaking(local, remote, ZmqPeerState.HandshakeFailed, $"protocol error {(ZmqProtocolError)descriptor}");
                break;
            case ZmqMonitorEventType.HandshakeFailedAuth:
                meters.CountConnection(SocketCounter.HandshakeFailures);
                meters.CountConnection(SocketCounter.AuthenticationFailures);
                SetHandshaking(local, remote, ZmqPeerState.HandshakeFailed, $"authentication failed: ZAP status {value}");
                break;
            case ZmqMonitorEventType.Disconnected:
                meters.CountConnection(SocketCounter.Disconnected);
                Disconnect(descriptor, ConnectKey(local, remote));
                break;
            case ZmqMonitorEventType.PipesStats:
                SetQueues(monitorEvent);
                break;
        }
    }

    /// <summary>The socket closed: the connections it still had end with it, and are counted closed.</summary>
    private void CloseRemaining(SocketMeters meters)
    {
        Debug.Assert(_eventLock.IsHeldByCurrentThread, "the close-out excludes the event loop");
        List<string> open = [];
        lock (_lock)
        {
            foreach (var (key, row) in _rows)
            {
                if (row.Peer.State is ZmqPeerState.Connected or ZmqPeerState.Handshaking)
                {
                    open.Add(key);
                }
            }
            _keysByDescriptor.Clear();
        }
        foreach (string key in open)
        {
            meters.CountConnection(SocketCounter.Disconnected);
            Set(key, endpoint: null, ZmqPeerState.Disconnected, error: null);
        }
        Debug.Assert(ConnectedCount == 0, "a closed socket has no connected peer");
    }

    // A connecting socket's row is keyed by the endpoint it connected to: version 1 reports it as the
    // event's endpoint; version 2 as the remote endpoint (the local one is empty until connected).
    private string ConnectKey(string local, string remote) => _version2 && remote.Length > 0 ? remote : local;

    private void Track(int descriptor, string key)
    {
        lock (_lock)
        {
            _keysByDescriptor[descriptor] = key;
        }
    }

    /// <summary>A handshake event. Version 2 names the connection by its two addresses: the row whose
    /// endpoint is the remote address is that connection, exactly. Version 1 names only the endpoint a
    /// listener was bound to, shared by every connection it accepted (see <see cref="Disconnect"/> for how
    /// those are told apart).</summary>
    private void SetHandshaking(string local, string remote, ZmqPeerState state, string? error)
    {
        Debug.Assert(state is ZmqPeerState.Connected or ZmqPeerState.HandshakeFailed, "a handshake ends connected or failed");
        string? key = null;
        lock (_lock)
        {
            if (remote.Length > 0)
            {
                key = FindRow(row => row.Peer.Endpoint == remote && row.Peer.State == ZmqPeerState.Handshaking, newest: true)
                    ?? FindRow(row => row.Peer.Endpoint == remote && row.Peer.State != ZmqPeerState.Listening, newest: true);
            }
            else if (FindRow(row => row.Local == local && row.Accepted, newest: true) is not null)
            {
                // Version 1 on a listener. A failure is followed by the failed connection's own
                // disconnection, which carries its descriptor: the failure waits for it.
                if (state == ZmqPeerState.HandshakeFailed)
                {
                    // At most one pending failure per connection still handshaking: a failure of a
                    // connection accepted before the table started (no row) must not linger and be
                    // given to a later disconnection.
                    int handshaking = _rows.Values.Count(row => row.Local == local && row.Accepted && row.Peer.State == ZmqPeerState.Handshaking);
                    if (handshaking == 0)
                    {
                        return;
                    }
                    if (!_pendingFailures.TryGetValue(local, out Queue<string>? failures))
                    {
                        _pendingFailures[local] = failures = new Queue<string>();
                    }
                    failures.Enqueue(error ?? "handshake failed");
                    while (failures.Count > handshaking)
                    {
                        failures.Dequeue();
                    }
                    return;
                }
                key = FindRow(row => row.Local == local && row.Accepted && row.Peer.State == ZmqPeerState.Handshaking, newest: true);
                if (key is null)
                {
                    return; // A connection accepted before the table started: it has no row.
                }
            }
            else
            {
                key = FindRow(row => row.Peer.Endpoint == local && row.Peer.State != ZmqPeerState.Listening, newest: true);
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

    /// <summary>The key of the newest (or oldest) row that matches; the caller holds the lock.</summary>
    private string? FindRow(Func<Row, bool> match, bool newest)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread, "rows are read under their lock");
        string? key = null;
        DateTimeOffset best = default;
        foreach (var (candidate, row) in _rows)
        {
            if (match(row) && (key is null || (newest ? row.Peer.Since >= best : row.Peer.Since < best)))
            {
                best = row.Peer.Since;
                key = candidate;
            }
        }
        return key;
    }

    // Version 1, several handshakes at once on one listener: a success is given to the newest
    // connection still handshaking (a guess), and a failure waits
    // for the disconnection that follows it. That disconnection names the failed connection by its
    // descriptor. If that connection is still handshaking, it is the one that failed. If the guess
    // had marked it connected, the success belonged to another connection still handshaking: that one
    // becomes connected and this one failed. Either way the connected count is exact once the
    // disconnection is read; only which of several simultaneous peers is which can stay a guess.
    private void Disconnect(int descriptor, string fallbackKey)
    {
        string key;
        string? failure = null;
        string? succeeded = null;
        lock (_lock)
        {
            key = _keysByDescriptor.Remove(descriptor, out string? tracked) ? tracked : fallbackKey;
            if (!_rows.TryGetValue(key, out Row? row))
            {
                return;
            }
            // A failed handshake ends in a disconnection too: keep saying why.
            if (row.Peer.State == ZmqPeerState.HandshakeFailed)
            {
                return;
            }
            if (row.Accepted && _pendingFailures.TryGetValue(row.Local, out Queue<string>? failures) && failures.Count > 0)
            {
                if (row.Peer.State == ZmqPeerState.Handshaking)
                {
                    failure = failures.Dequeue();
                }
                else if (row.Peer.State == ZmqPeerState.Connected)
                {
                    succeeded = FindRow(other => other != row && other.Accepted && other.Local == row.Local && other.Peer.State == ZmqPeerState.Handshaking, newest: false);
                    if (succeeded is not null)
                    {
                        failure = failures.Dequeue();
                    }
                }
            }
        }
        if (succeeded is not null)
        {
            Set(succeeded, endpoint: null, ZmqPeerState.Connected, error: null);
        }
        Set(key, endpoint: null, failure is null ? ZmqPeerState.Disconnected : ZmqPeerState.HandshakeFailed, failure);
    }

    private void SetQueues(NativeMonitorEvent monitorEvent)
    {
        if (monitorEvent.ValueCount < 2)
        {
            return;
        }
        string local = monitorEvent.Local, remote = monitorEvent.Remote;
        long outbound = (long)monitorEvent.ValueAt(0);
        long inbound = (long)monitorEvent.ValueAt(1);
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
            Notify(changed);
        }
    }

    /// <summary>A connection a listener accepted: a row of its own, handshaking, under the listener's local endpoint.</summary>
    private void AddAccepted(string key, string endpoint, string local)
    {
        var peer = new ZmqPeer(endpoint, ZmqPeerState.Handshaking, DateTimeOffset.UtcNow, null);
        lock (_lock)
        {
            _rows[key] = new Row(peer, local, accepted: true);
        }
        Notify(peer);
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
                row = new Row(new ZmqPeer(endpoint, state, DateTimeOffset.UtcNow, error), endpoint, accepted: false);
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
                if (row.Accepted && Ended(state) && !Ended(before))
                {
                    ForgetOldEnded(key);
                }
            }
            Debug.Assert(_connected >= 0 && _connected <= _rows.Count, "the connected count is a count of rows");
        }
        Notify(peer);
    }

    private static bool Ended(ZmqPeerState state) => state is ZmqPeerState.Disconnected or ZmqPeerState.HandshakeFailed;

    /// <summary>Keeps the last <see cref="EndedConnectionsKept"/> ended accepted rows; the caller holds the rows' lock.</summary>
    private void ForgetOldEnded(string key)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread, "rows change under their lock");
        _endedAccepted.Enqueue(key);
        while (_endedAccepted.Count > EndedConnectionsKept)
        {
            string oldest = _endedAccepted.Dequeue();
            if (_rows.TryGetValue(oldest, out Row? row) && Ended(row.Peer.State))
            {
                _rows.Remove(oldest);
            }
        }
    }

    /// <summary>Queues a row's new value for <see cref="Changed"/>; the caller holds <c>_eventLock</c> and raises the queue once it released it.</summary>
    private void Notify(ZmqPeer peer)
    {
        Debug.Assert(_eventLock.IsHeldByCurrentThread, "changes are queued in the order they are made, under the event lock");
        _notices.Enqueue(new Notice(peer, default, null, null));
    }

    /// <summary>Queues a diagnostic report (a subscriber's code, like a handler's); the caller holds <c>_eventLock</c>.</summary>
    private void Report(ZmqDiagnosticLevel level, string message, Exception? error)
    {
        Debug.Assert(_eventLock.IsHeldByCurrentThread, "reports are queued in order with the changes, under the event lock");
        _notices.Enqueue(new Notice(null, level, message, error));
    }

    /// <summary>
    /// Raises the queued notices in order, outside the table's locks; returns at once when another
    /// thread is raising them (it raises these too, after the handler it is in, which may be on this
    /// thread's own stack: a handler that disposed the socket).
    /// </summary>
    private void RaiseNotices()
    {
        Debug.Assert(!_eventLock.IsHeldByCurrentThread, "user code never runs under the event lock");
        lock (_eventLock)
        {
            if (_raising || _notices.Count == 0)
            {
                return;
            }
            _raising = true;
        }
        while (true)
        {
            Notice notice;
            lock (_eventLock)
            {
                if (!_notices.TryDequeue(out notice))
                {
                    _raising = false;
                    return;
                }
            }
            try
            {
                Raise(notice);
            }
            catch
            {
                // Raise catches what handlers throw; should anything else escape, the notices still
                // queued are left to the next thread that raises, not to a raiser that is gone.
                lock (_eventLock)
                {
                    _raising = false;
                }
                throw;
            }
        }
    }

    private void Raise(Notice notice)
    {
        if (notice.Peer is null)
        {
            ZmqDiagnostics.Raise(notice.Level, "Monitor", notice.Message!, notice.Error, _owner);
            return;
        }
        EventHandler<ZmqPeer>? handler = Changed;
        if (handler is null)
        {
            return;
        }
        try
        {
            handler(this, notice.Peer);
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the table.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Warning, "Monitor", "A ZmqPeerTable.Changed handler threw; the table goes on.", error, _owner);
        }
    }

    /// <summary>A row's new value for <see cref="Changed"/> (<see cref="Peer"/> set), or a diagnostic report.</summary>
    private readonly record struct Notice(ZmqPeer? Peer, ZmqDiagnosticLevel Level, string? Message, Exception? Error);

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

    private sealed class Row(ZmqPeer peer, string local, bool accepted)
    {
        public ZmqPeer Peer { get; set; } = peer;

        /// <summary>The local (listening or connect) endpoint the row belongs to, for version 1 events that name only that.</summary>
        public string Local { get; } = local;

        /// <summary>Whether the row is a connection a listener accepted (rather than a bound or connected endpoint).</summary>
        public bool Accepted { get; } = accepted;
    }
}
