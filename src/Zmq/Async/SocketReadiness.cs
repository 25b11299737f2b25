namespace Zmq;

/// <summary>
/// A socket's part in the async engine: its two waiters and its registration with the reactor.
/// Made on the socket's first asynchronous call; registered once, at the first park, and
/// unregistered when the socket is disposed, before its descriptor can close.
/// </summary>
/// <remarks>
/// The seam for libzmq's thread-safe draft sockets (CLIENT, SERVER, RADIO, DISH…): they have no
/// ZMQ_FD, so their descriptor will come from a <c>zmq_poller</c> (<c>zmq_poller_fd</c>) and their
/// readiness from <c>zmq_poller_wait</c> instead of ZMQ_EVENTS; the waiters and the reactor stay.
/// </remarks>
internal sealed class SocketReadiness
{
    private readonly Lock _registration = new();
    private bool _registered;
    private bool _closed;

    public SocketReadiness(ZmqSocket socket, nint descriptor)
    {
        Socket = socket;
        Descriptor = descriptor;
        Receive = new AsyncWaiter(socket, "receive");
        Send = new AsyncWaiter(socket, "send");
    }

    public ZmqSocket Socket { get; }

    /// <summary>The socket's ZMQ_FD, which the reactor watches.</summary>
    public nint Descriptor { get; }

    public AsyncWaiter Receive { get; }

    public AsyncWaiter Send { get; }

    /// <summary>The reactor's name for this registration (slot and generation); 0 when none.</summary>
    internal long Token { get; set; }

    /// <summary>For the poll backend: 1 while the descriptor is in the poll set (one-shot).</summary>
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
            if (!_registered && !_closed)
            {
                ZmqReactor.Instance.Register(this);
                Volatile.Write(ref _registered, true);
            }
        }
    }

    /// <summary>A readiness check left waiters parked: the poll backend watches the descriptor again.</summary>
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
        Receive.TryFail(error);
        Send.TryFail(error);
    }
}
