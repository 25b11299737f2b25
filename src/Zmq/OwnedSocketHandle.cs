using Zmq.Interop;

namespace Zmq;

/// <summary>
/// The socket handle of a <see cref="ZmqSocket"/>: the interop handle plus this binding's policy
/// for a socket nobody closed on purpose.
/// </summary>
/// <remarks>
/// A socket released without <see cref="MarkOrderlyClose"/> (the finalizer, or a handle disposed
/// behind its owner's back) gets <c>ZMQ_LINGER</c> 0 before <c>zmq_close</c>: its unsent messages
/// are dropped, so the context's termination can never wait on them. An orderly close keeps the
/// linger the user set.
/// <para>
/// A socket monitored through the binding has its monitor stopped here, just before
/// <c>zmq_close</c>, and only then are the monitor's readers closed. libzmq otherwise stops the
/// monitor in the socket's destructor, on its reaper thread, with a blocking send of
/// MONITOR_STOPPED into the monitor's PAIR: a reader closed before that send leaves the PAIR with
/// no peer, the send never returns, and the context's one reaper thread stops closing every
/// socket after it (their connections stay open until the context is terminated). Stopping the
/// monitor on the closing thread while the reader is still attached delivers MONITOR_STOPPED at
/// once; a reader handed to <see cref="ReleaseAfterMonitorStops"/> is closed after that.
/// </para>
/// </remarks>
internal sealed class OwnedSocketHandle : ZmqSocketHandle
{
    private volatile bool _orderlyClose;
    private nint _signalPoller;
    private readonly Lock _pollSetsLock = new();
    private List<DraftPollSet>? _pollSets;
    private readonly Lock _monitorLock = new();
    private List<IDisposable>? _monitorReaders;
    private bool _monitorStarted;
    private bool _monitorStopped;

    /// <summary>Creates a socket; an invalid handle on failure (read <c>zmq_errno</c>).</summary>
    /// <exception cref="ObjectDisposedException">The context handle is closed.</exception>
    public static OwnedSocketHandle Create(ZmqContextHandle context, ZmqSocketType type) =>
        Open(new OwnedSocketHandle(), context, (int)type);

    /// <summary>The socket's traffic counters, retired just before zmq_close (Diagnostics/SocketMeters.cs).</summary>
    public SocketMeters? Meters { get; set; }

    /// <summary>Says that the owner closes the socket on purpose, so its linger setting is kept.</summary>
    public void MarkOrderlyClose() => _orderlyClose = true;

    /// <summary>
    /// Hands over the private draft poller of a thread-safe socket's async engine
    /// (<see cref="ThreadSafeSignal"/>): it is destroyed just before the socket closes, as it must be.
    /// False (and nothing taken) when the handle already has one.
    /// </summary>
    public bool AdoptSignalPoller(nint poller) => Interlocked.CompareExchange(ref _signalPoller, poller, 0) == 0;

    /// <summary>Records that a native monitor was started on the socket: it is stopped before the socket closes.</summary>
    public void MarkMonitorStarted()
    {
        lock (_monitorLock)
        {
            _monitorStarted = true;
        }
    }

    /// <summary>
    /// Closes a monitor reader once the socket's monitor has stopped: now if the socket already
    /// closed, else right after <see cref="BeforeClose"/> stops the monitor.
    /// </summary>
    public void ReleaseAfterMonitorStops(IDisposable reader)
    {
        lock (_monitorLock)
        {
            if (!_monitorStopped)
            {
                (_monitorReaders ??= []).Add(reader);
                return;
            }
        }
        reader.Dispose();
    }

    /// <summary>
    /// Records that a <see cref="DraftPollSet"/> holds this (thread-safe) socket, so it can let go
    /// before the socket closes. The caller holds a reference on the handle, so the close is still
    /// to come.
    /// </summary>
    public void HookPollSet(DraftPollSet set)
    {
        lock (_pollSetsLock)
        {
            (_pollSets ??= []).Add(set);
        }
    }

    /// <summary>The set was destroyed: it no longer needs telling.</summary>
    public void UnhookPollSet(DraftPollSet set)
    {
        lock (_pollSetsLock)
        {
            _pollSets?.Remove(set);
        }
    }

    protected override unsafe void BeforeClose(nint socket)
    {
        DraftPollSet[] sets;
        lock (_pollSetsLock)
        {
            sets = _pollSets is null ? [] : [.. _pollSets];
            _pollSets = null;
        }
        foreach (DraftPollSet set in sets)
        {
            set.ForgetSocket(socket);
        }
        ThreadSafeSignal.Destroy(Interlocked.Exchange(ref _signalPoller, 0));
        StopMonitor(socket);
        // No call is in flight any more (the reference count reached zero), so these totals are final.
        Meters?.Retire();
        if (!_orderlyClose)
        {
            int zero = 0;
            LibZmq.zmq_setsockopt_raw(socket, LibZmq.ZMQ_LINGER, &zero, sizeof(int));
        }
    }

    private unsafe void StopMonitor(nint socket)
    {
        IDisposable[] readers;
        bool started;
        lock (_monitorLock)
        {
            _monitorStopped = true;
            started = _monitorStarted;
            readers = _monitorReaders is null ? [] : [.. _monitorReaders];
            _monitorReaders = null;
        }
        if (started)
        {
            // Delivers MONITOR_STOPPED to the reader still attached; fails only with ETERM, when a
            // shut-down context makes every monitor send fail instead of block.
            _ = LibZmq.zmq_socket_monitor_raw(socket, null, 0);
        }
        foreach (IDisposable reader in readers)
        {
            reader.Dispose();
        }
    }
}
