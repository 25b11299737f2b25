namespace Zmq;

/// <summary>How the reactor waits on the sockets' descriptors: epoll on Linux, zmq_poll elsewhere.</summary>
internal abstract class ReactorBackend
{
    public abstract string Name { get; }

    /// <summary>Picks the backend: <paramref name="requested"/> ("epoll", "poll") if given, else epoll where it exists.</summary>
    public static ReactorBackend Create(string? requested)
    {
        if (string.Equals(requested, "poll", StringComparison.OrdinalIgnoreCase))
        {
            return new PollBackend();
        }
        ReactorBackend? epoll = EpollBackend.TryCreate();
        if (epoll is null && string.Equals(requested, "epoll", StringComparison.OrdinalIgnoreCase))
        {
            throw new PlatformNotSupportedException($"{ZmqReactor.BackendVariable}=epoll, but epoll is not available on this system.");
        }
        return epoll ?? new PollBackend();
    }

    /// <summary>Starts watching a socket's descriptor (called once per socket, under the reactor's lock).</summary>
    public abstract void Add(SocketReadiness readiness);

    /// <summary>Stops watching it, before the descriptor can close (under the reactor's lock).</summary>
    public abstract void Remove(SocketReadiness readiness);

    /// <summary>
    /// Waiters are still parked after a check: watch the descriptor again if it fired since (both
    /// backends watch one-shot). Called after the check's drain, often under the socket's gate: never
    /// throws; false when the descriptor could not be watched again.
    /// </summary>
    public abstract bool Rearm(SocketReadiness readiness);

    /// <summary>
    /// Waits until descriptors fire, <see cref="Wake"/> is called or <paramref name="timeoutMs"/>
    /// passes (-1: no limit), and hands each fired descriptor's token to <see cref="ZmqReactor.Dispatch"/>.
    /// </summary>
    public abstract void Wait(ZmqReactor reactor, int timeoutMs);

    /// <summary>Ends the current or the next <see cref="Wait"/> early (a re-check became due sooner). Never throws.</summary>
    public abstract void Wake();
}
