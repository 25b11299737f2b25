namespace Zmq;

/// <summary>Readiness events of <c>zmq_poll(3)</c> and the <c>ZMQ_EVENTS</c> option.</summary>
[Flags]
public enum ZmqPollEvents : short
{
    /// <summary>No event.</summary>
    None = 0,
    /// <summary>ZMQ_POLLIN: at least one message can be received without blocking.</summary>
    In = 1,
    /// <summary>ZMQ_POLLOUT: at least one message can be sent without blocking.</summary>
    Out = 2,
    /// <summary>ZMQ_POLLERR: an error condition (plain file descriptors only).</summary>
    Error = 4,
    /// <summary>ZMQ_POLLPRI: urgent data (plain file descriptors only).</summary>
    Priority = 8,
}
