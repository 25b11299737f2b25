using Zmq.Interop;

namespace Zmq;

// Subscriptions (SUB, XSUB): socket options that can only be set.
public sealed partial class ZmqSocket
{
    /// <summary>ZMQ_SUBSCRIBE: receive messages starting with <paramref name="prefix"/> (SUB, XSUB);
    /// an empty prefix subscribes to everything.</summary>
    /// <exception cref="ZmqException">The socket type has no subscriptions (EINVAL).</exception>
    public void Subscribe(ReadOnlySpan<byte> prefix) => SetBytes(LibZmq.ZMQ_SUBSCRIBE, prefix, nameof(Subscribe));

    /// <summary>ZMQ_SUBSCRIBE with a UTF-8 topic prefix; "" subscribes to everything.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ZmqException">The socket type has no subscriptions (EINVAL).</exception>
    public void Subscribe(string prefix) => SetUtf8(LibZmq.ZMQ_SUBSCRIBE, prefix, nameof(Subscribe));

    /// <summary>ZMQ_UNSUBSCRIBE: remove one earlier subscription to <paramref name="prefix"/>.</summary>
    /// <exception cref="ZmqException">The socket type has no subscriptions (EINVAL).</exception>
    public void Unsubscribe(ReadOnlySpan<byte> prefix) => SetBytes(LibZmq.ZMQ_UNSUBSCRIBE, prefix, nameof(Unsubscribe));

    /// <summary>ZMQ_UNSUBSCRIBE with a UTF-8 topic prefix.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ZmqException">The socket type has no subscriptions (EINVAL).</exception>
    public void Unsubscribe(string prefix) => SetUtf8(LibZmq.ZMQ_UNSUBSCRIBE, prefix, nameof(Unsubscribe));

    private void SetUtf8(int option, string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        // Topics are binary: a NUL inside is legal.
        using var topic = new Utf8Buffer(value, stackalloc byte[256]);
        SetBytes(option, topic.Bytes, name);
    }
}
