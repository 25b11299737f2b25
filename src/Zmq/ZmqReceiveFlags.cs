namespace Zmq;

/// <summary>Flags of <c>zmq_recv(3)</c> and <c>zmq_msg_recv(3)</c>.</summary>
[Flags]
public enum ZmqReceiveFlags
{
    /// <summary>Block until a frame arrives (or <c>ReceiveTimeout</c> passes).</summary>
    None = 0,
    /// <summary>ZMQ_DONTWAIT: fail with EAGAIN (false from <c>TryReceive</c>) instead of blocking.</summary>
    DontWait = 1,
}
