namespace Zmq;

/// <summary>Flags of <c>zmq_send(3)</c> and <c>zmq_msg_send(3)</c>.</summary>
[Flags]
public enum ZmqSendFlags
{
    /// <summary>Block until the message is queued (or <c>SendTimeout</c> passes).</summary>
    None = 0,
    /// <summary>ZMQ_DONTWAIT: fail with EAGAIN (false from <c>TrySend</c>) instead of blocking.</summary>
    DontWait = 1,
    /// <summary>ZMQ_SNDMORE: more frames of the same message follow.</summary>
    SendMore = 2,
}
