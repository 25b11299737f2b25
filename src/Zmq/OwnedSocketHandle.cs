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
/// <c>zmq_close</c>, and only then are the monitor's readers closed: libzmq's monitor sends block,
/// and one into a PAIR whose reader is gone (an event raised while the socket is torn down on the
/// reaper or I/O thread) would never return. ZmqSocket.NativeMonitor.cs has the whole argument.
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
    private bool _monitorActive; // a native monitor runs (or is being started)
    private bool _closing; // BeforeClose stopped the monitor: readers close at once

    /// <summary>Creates a socket; an invalid handle on failure (read <c>zmq_errno</c>).</summary>
    /// <exception cref="ObjectDisposedException">The context handle is closed.</exception>
    public static OwnedSocketHandle Create(ZmqContextHandle context, ZmqSocketType type) =>
        Open(new OwnedSocketHandle(), context, (int)type);

    /// <summary>The socket's traffic counters, retired just before zmq_close (Diagnostics/SocketMeters.cs).</summary>
    public SocketMeters? Meters { get; set; }

    /// <summary>The context's census, told when this socket has closed (SocketCensus.cs).</summary>
    public SocketCensus? Census { get; set; }

    /// <summary>Says that the owner closes the socket on purpose, so its linger setting is kept.</summary>
    public void MarkOrderlyClose() => _orderlyClose = true;

    /// <summary>
    /// Hands over the private draft poller of a thread-safe socket's async engine
    /// (<see cref="ThreadSafeSignal"/>): it is destroyed just before the socket closes, as it must be.
    /// False (and nothing taken) when the handle already has one.
    /// </summary>
    public bool AdoptSignalPoller(nint poller) => Interlocked.CompareExchange(ref _signalPoller, poller, 0) == 0;

    /// <summary>Claims the socket's one monitor; false when it has one (libzmq would silently replace it).</summary>
    public bool TryClaimMonitor()
    {
        lock (_monitorLock)
        {
            if (_monitorActive || _closing)
            {
                return false;
            }
            _monitorActive = true;
            return true;
        }
    }

    /// <summary>The monitor was stopped (or never started): another may start.</summary>
    public void ReleaseMonitorClaim()
    {
        lock (_monitorLock)
        {
            _monitorActive = false;
        }
    }

    /// <summary>
    /// Closes a monitor reader once nothing can send into it: now if the socket already closed, else
    /// right after <see cref="BeforeClose"/> stops the monitor.
    /// </summary>
    public void ReleaseAfterMonitorStops(IDisposable reader)
    {
        lock (_monitorLock)
        {
            if (!_closing)
            {
                (_monitorReaders ??= []).Add(reader);
                return;
            }
        }
        reader.Dispose();
    }

    /// <summary>A reader its owner closes itself, after stopping the monitor: the handle lets go of it.</summary>
    public void ForgetMonitorReader(IDisposable reader)
    {
        lock (_monitorLock)
        {
            _monitorReaders?.Remove(reader);
        }
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

    protected override bool ReleaseHandle()
    {
        bool closed = base.ReleaseHandle();
        // After the base released the socket's reference on the context: once the census counts
        // the last socket closed, the disposing thread's release of the context is the last one.
        Census?.NativeClosed();
        return closed;
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
        bool active;
        lock (_monitorLock)
        {
            active = _monitorActive;
        }
        if (active)
        {
            // Stopped before any reader is released (a reader closed first could meet an event the
            // I/O thread is sending). Without MONITOR_STOPPED in its mask this sends nothing, so it
            // cannot block; it fails only with ETERM, when the context's monitors ended anyway.
            _ = LibZmq.zmq_socket_monitor_raw(socket, null, 0);
        }
        IDisposable[] readers;
        lock (_monitorLock)
        {
            _monitorActive = false;
            _closing = true;
            readers = _monitorReaders is null ? [] : [.. _monitorReaders];
            _monitorReaders = null;
        }
        foreach (IDisposable reader in readers)
        {
            try
            {
                reader.Dispose();
            }
#pragma warning disable CA1031 // On the way to zmq_close (maybe on the finalizer thread): nothing may stop it.
            catch (Exception)
#pragma warning restore CA1031
            {
                // A reader's close does not throw (ZmqSocket.Dispose); should it, the socket still closes.
            }
        }
    }
}
