namespace Zmq;

/// <summary>
/// A socket's part in the async engine: its two waiters and its registration with the reactor.
/// Made on the socket's first asynchronous call; registered once, at the first park, and
/// unregistered when the socket is disposed, before its descriptor can close.
/// </summary>
/// <remarks>
/// A thread-safe draft socket (CLIENT, SERVER, RADIO, DISH…) has no ZMQ_FD: its descriptor is the
/// one of a private draft poller (<see cref="ThreadSafeSignal"/>), and its operations wait in
/// <see cref="SharedReceive"/> and <see cref="SharedSend"/>, which hold any number of them, instead
/// of the single <see cref="Receive"/> and <see cref="Send"/> waiters of a classic socket.
/// </remarks>
internal sealed class SocketReadiness : IThreadPoolWorkItem
{
    private readonly Lock _registration = new();
    private bool _registered;
    private bool _closed;

    public SocketReadiness(SocketAsyncContext context, nint descriptor, bool threadSafe)
    {
        Context = context;
        Descriptor = descriptor;
        Receive = new AsyncWaiter(context, "receive");
        Send = new AsyncWaiter(context, "send");
        if (!threadSafe)
        {
            ReceiveTurns = new OperationQueue(context, SocketAsyncContext.GateReceiveTurn, SocketAsyncContext.GateReceiveQueued);
            SendTurns = new OperationQueue(context, SocketAsyncContext.GateSendTurn, SocketAsyncContext.GateSendQueued);
        }
        if (threadSafe)
        {
            SharedReceive = new WaiterQueue(context, "receive");
            SharedSend = new WaiterQueue(context, "send");
        }
    }

    /// <summary>The async context of the socket this readiness belongs to.</summary>
    public SocketAsyncContext Context { get; }

    /// <summary>The descriptor the reactor watches: ZMQ_FD, or the thread-safe socket's poller's.</summary>
    public nint Descriptor { get; }

    public AsyncWaiter Receive { get; }

    public AsyncWaiter Send { get; }

    /// <summary>A classic socket's receives in FIFO order: the head owns <see cref="Receive"/>; null for a thread-safe socket.</summary>
    public OperationQueue? ReceiveTurns { get; }

    /// <summary>A classic socket's sends in FIFO order: the head owns <see cref="Send"/>; null for a thread-safe socket.</summary>
    public OperationQueue? SendTurns { get; }

    /// <summary>A thread-safe socket's parked receives; null for a classic socket.</summary>
    public WaiterQueue? SharedReceive { get; }

    /// <summary>A thread-safe socket's parked sends; null for a classic socket.</summary>
    public WaiterQueue? SharedSend { get; }

    /// <summary>
    /// Readiness of one direction was read (at edge count <paramref name="edges"/>): completes the
    /// classic socket's parked head (<see cref="AsyncWaiter.TryCompleteReady"/>), or wakes the
    /// thread-safe socket's oldest parked operation (<see cref="WaiterQueue.WakeOne"/>). Never throws.
    /// </summary>
    public void Wake(bool receiving, int edges)
    {
        WaiterQueue? shared = receiving ? SharedReceive : SharedSend;
        if (shared is not null)
        {
            shared.WakeOne(edges);
        }
        else
        {
            (receiving ? Receive : Send).TryCompleteReady(edges);
        }
    }

    /// <summary>The edges the reactor heard for this socket, and its back-off re-check (ReadinessEdges.cs).</summary>
    public ReadinessEdges Edges { get; } = new();

    /// <summary>The reactor's name for this registration (slot and generation); 0 when none.</summary>
    internal long Token { get; set; }

    /// <summary>1 while a thread-safe socket's readiness check waits in the thread pool (the reactor queues at most one).</summary>
    internal int SharedCheckQueued;

    /// <summary>A thread-safe socket's readiness check, queued by the reactor (SocketAsyncContext.ThreadSafe.cs).</summary>
    void IThreadPoolWorkItem.Execute() => Context.RunQueuedSharedCheck(this);

    /// <summary>1 while the reactor's backend watches the descriptor (one-shot: cleared when it fires, set again by <see cref="StillWaiting"/>).</summary>
    internal int Armed;

    /// <summary>Registers the descriptor with the reactor on the first park; never after <see cref="Close"/>.</summary>
    public void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered))
        {
            return;
        }
        lock (_registration)
        {
            // A socket disposed before its readiness existed never had Close called: never register it.
            if (!_registered && !_closed && !Context.Socket.IsDisposed)
            {
                ZmqReactor.Instance.Register(this);
                Volatile.Write(ref _registered, true);
            }
        }
    }

    /// <summary>A readiness check left waiters parked: the reactor watches the descriptor again if it fired since.</summary>
    public void StillWaiting()
    {
        if (Volatile.Read(ref _registered))
        {
            ZmqReactor.Instance.Rearm(this);
        }
    }

    /// <summary>The socket is being disposed: unregister, then fail whatever still waits.</summary>
    public void Close(Exception error)
    {
        lock (_registration)
        {
            _closed = true;
            if (_registered)
            {
                ZmqReactor.Instance.Unregister(this);
                _registered = false;
            }
        }
        // Queued operations wait for their turn, not for readiness: only disposal ends them (a
        // reactor fault fails the heads, whose exits pass the turn on).
        ReceiveTurns?.Close(error);
        SendTurns?.Close(error);
        FailAll(error);
    }

    /// <summary>Fails every parked operation of both directions.</summary>
    public void FailAll(Exception error)
    {
        Receive.TryFail(error);
        Send.TryFail(error);
        SharedReceive?.FailAll(error);
        SharedSend?.FailAll(error);
    }
}
