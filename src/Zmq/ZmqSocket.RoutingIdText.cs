using System.Text;

namespace Zmq;

// Routing ids as text, as pyzmq's setsockopt_string(zmq.IDENTITY, ...) and socket.identity do: the
// Guide's examples name their peers with readable ids.
public sealed partial class ZmqSocket
{
    /// <summary>
    /// <see cref="RoutingId"/> (ZMQ_ROUTING_ID) as UTF-8 text: the identity this socket presents to
    /// ROUTER peers, which they receive as the first frame of its messages.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">Set to an empty text or one over 255 UTF-8 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public string RoutingIdString
    {
        get => Encoding.UTF8.GetString(RoutingId);
        set => RoutingId = Encoding.UTF8.GetBytes(value ?? throw new ArgumentNullException(nameof(value)));
    }
}
