using Zmq.Interop;

namespace Zmq;

// Read-only socket state that libzmq exposes as options.
public sealed partial class ZmqSocket
{
    /// <summary>ZMQ_RCVMORE: whether the last frame received has more frames of the same message after it.</summary>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public bool HasMore => GetBoolean(LibZmq.ZMQ_RCVMORE, nameof(HasMore));

    /// <summary>
    /// ZMQ_LAST_ENDPOINT: the endpoint of the last Bind or Connect, with the real port of a wildcard
    /// bind (<c>tcp://127.0.0.1:*</c> → <c>tcp://127.0.0.1:41234</c>).
    /// </summary>
    public string LastEndpoint => GetString(LibZmq.ZMQ_LAST_ENDPOINT, nameof(LastEndpoint));

    /// <summary>ZMQ_EVENTS: whether a message can be received (<see cref="ZmqPollEvents.In"/>) or sent
    /// (<see cref="ZmqPollEvents.Out"/>) right now without blocking.</summary>
    public ZmqPollEvents Events => (ZmqPollEvents)GetInt32(LibZmq.ZMQ_EVENTS, nameof(Events));

    /// <summary>
    /// ZMQ_FD: a file descriptor (a SOCKET on Windows) that signals, edge-triggered, when
    /// <see cref="Events"/> may have changed. Read <see cref="Events"/> after each wake-up.
    /// </summary>
    /// <exception cref="NotSupportedException">The socket is thread-safe (a draft type): libzmq gives those no ZMQ_FD.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public nint FileDescriptor
    {
        get
        {
            if (_threadSafe)
            {
                throw new NotSupportedException(
                    $"A thread-safe {SocketType} socket has no ZMQ_FD (libzmq refuses it); wait on it with zmq_poller instead.");
            }
            if (!OperatingSystem.IsWindows())
            {
                return GetInt32(LibZmq.ZMQ_FD, nameof(FileDescriptor));
            }
            nint socket = 0;
            GetBytes(LibZmq.ZMQ_FD, System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<nint>(ref socket)), nameof(FileDescriptor));
            return socket;
        }
    }

    /// <summary>ZMQ_MECHANISM: the security mechanism in use.</summary>
    public ZmqSecurityMechanism Mechanism => (ZmqSecurityMechanism)GetInt32(LibZmq.ZMQ_MECHANISM, nameof(Mechanism));

    /// <summary>
    /// ZMQ_THREAD_SAFE: whether libzmq makes the socket safe to use from many threads at once: the
    /// draft types SERVER, CLIENT, RADIO, DISH, GATHER, SCATTER, PEER and CHANNEL, never a stable
    /// one. Such a socket takes concurrent synchronous calls with no lock of the caller's.
    /// </summary>
    public bool IsThreadSafe => GetBoolean(LibZmq.ZMQ_THREAD_SAFE, nameof(IsThreadSafe));

    /// <summary>ZMQ_TYPE as libzmq reports it (the same as <see cref="SocketType"/>).</summary>
    public ZmqSocketType NativeSocketType => (ZmqSocketType)GetInt32(LibZmq.ZMQ_TYPE, nameof(NativeSocketType));
}
