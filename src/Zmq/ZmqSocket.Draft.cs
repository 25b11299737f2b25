using Zmq.Interop;

namespace Zmq;

// The draft API's socket calls: routing ids (SERVER, PEER), groups (RADIO, DISH) and peers (PEER).
// Each allocates nothing for frames and short groups. On a libzmq without drafts the socket types
// themselves cannot be created (NotSupportedException), so these are reached only with drafts.
public sealed partial class ZmqSocket
{
    /// <summary>Joins a group (<c>zmq_join(3)</c>): a DISH then receives what RADIOs send to it.</summary>
    /// <exception cref="ArgumentException"><paramref name="group"/> is null, contains NUL or is over 15 UTF-8 bytes.</exception>
    /// <exception cref="InvalidOperationException">The socket is not a DISH.</exception>
    /// <exception cref="ZmqException">libzmq refuses (already joined: EINVAL).</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void Join(string group) => GroupCall(group, join: true);

    /// <summary>Leaves a group (<c>zmq_leave(3)</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="group"/> is null, contains NUL or is over 15 UTF-8 bytes.</exception>
    /// <exception cref="InvalidOperationException">The socket is not a DISH.</exception>
    /// <exception cref="ZmqException">libzmq refuses (not joined: EINVAL).</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void Leave(string group) => GroupCall(group, join: false);

    /// <summary>
    /// Connects a PEER to <paramref name="endpoint"/> (<c>zmq_connect_peer(3)</c>) and returns the routing
    /// id that addresses that peer in <see cref="Send(ReadOnlySpan{byte}, uint, ZmqSendFlags)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The endpoint is malformed (named in the message).</exception>
    /// <exception cref="InvalidOperationException">The socket is not a PEER.</exception>
    /// <exception cref="ZmqException">libzmq refuses the endpoint.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public unsafe uint ConnectPeer(string endpoint)
    {
        EndpointValidator.Validate(endpoint, nameof(endpoint));
        RequireType(ZmqSocketType.Peer, nameof(ConnectPeer));
        Span<byte> scratch = stackalloc byte[256];
        using var address = Utf8Buffer.ForCString(endpoint, scratch, nameof(endpoint));
        EnterSync(nameof(ConnectPeer));
        try
        {
            fixed (byte* p = address.NulTerminated)
            {
                uint routingId = LibZmq.Draft.zmq_connect_peer(_native, p);
                if (routingId == 0)
                {
                    ThrowHelper.ThrowLastError("zmq_connect_peer", endpoint: endpoint);
                }
                return routingId;
            }
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>
    /// Sends one frame to the peer with <paramref name="routingId"/> (SERVER replies, PEER): one native
    /// copy, no allocation.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="routingId"/> is 0.</exception>
    /// <exception cref="ZmqException">It would block, the peer is unknown (EHOSTUNREACH), or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void Send(ReadOnlySpan<byte> data, uint routingId, ZmqSendFlags flags = ZmqSendFlags.None) =>
        SendAddressed(data, routingId, group: null, flags);

    /// <summary>Sends one frame to a group (RADIO): one native copy, no allocation.</summary>
    /// <exception cref="ArgumentException"><paramref name="group"/> is null, contains NUL or is over 15 UTF-8 bytes.</exception>
    /// <exception cref="ZmqException">It would block, or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void Send(ReadOnlySpan<byte> data, string group, ZmqSendFlags flags = ZmqSendFlags.None) =>
        SendAddressed(data, 0, group ?? throw new ArgumentNullException(nameof(group)), flags);

    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> with the routing id of the peer it came from
    /// (SERVER, PEER); the size is the frame's full size, as for <c>zmq_recv</c>, and what does not fit
    /// is an error rather than silently cut.
    /// </summary>
    /// <exception cref="ArgumentException">The frame is larger than <paramref name="buffer"/> (sizes named).</exception>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public int Receive(Span<byte> buffer, out uint routingId, ZmqReceiveFlags flags = ZmqReceiveFlags.None) =>
        ReceiveAddressed(buffer, flags, wantGroup: false, out routingId, out _);

    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> with the group it was sent to (DISH); the
    /// frame must fit, as for the routing-id overload.
    /// </summary>
    /// <exception cref="ArgumentException">The frame is larger than <paramref name="buffer"/> (sizes named).</exception>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public int Receive(Span<byte> buffer, out string group, ZmqReceiveFlags flags = ZmqReceiveFlags.None) =>
        ReceiveAddressed(buffer, flags, wantGroup: true, out _, out group);

    /// <summary>Sends a copy of <paramref name="data"/> addressed by a group when one is given, else by routing id.</summary>
    private void SendAddressed(ReadOnlySpan<byte> data, uint routingId, string? group, ZmqSendFlags flags)
    {
        var message = new ZmqMessage(data);
        try
        {
            if (group is null)
            {
                message.RoutingId = routingId;
            }
            else
            {
                message.Group = group;
            }
            Send(ref message, flags);
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>Receives a frame that must fit <paramref name="buffer"/>, with its routing id or its group.</summary>
    private int ReceiveAddressed(Span<byte> buffer, ZmqReceiveFlags flags, bool wantGroup, out uint routingId, out string group)
    {
        var message = new ZmqMessage();
        try
        {
            ReceiveMessage(ref message, flags);
            if (message.Size > buffer.Length)
            {
                throw new ArgumentException(
                    $"The frame is {message.Size} bytes and the buffer {buffer.Length}; nothing was truncated: receive into a ZmqMessage for frames of any size.",
                    nameof(buffer));
            }
            message.Data.CopyTo(buffer);
            routingId = wantGroup ? 0 : message.RoutingId;
            group = wantGroup ? message.Group : string.Empty;
            return message.Size;
        }
        finally
        {
            message.Dispose();
        }
    }

    private unsafe void GroupCall(string group, bool join)
    {
        string operation = join ? nameof(Join) : nameof(Leave);
        Span<byte> scratch = stackalloc byte[LibZmq.Draft.ZMQ_GROUP_MAX_LENGTH + 1];
        using var name = GroupName.Encode(group, scratch, nameof(group));
        RequireType(ZmqSocketType.Dish, operation);
        EnterSync(operation);
        try
        {
            fixed (byte* p = name.NulTerminated)
            {
                int rc = join ? LibZmq.Draft.zmq_join(_native, p) : LibZmq.Draft.zmq_leave(_native, p);
                if (rc != 0)
                {
                    ThrowHelper.ThrowLastError(join ? "zmq_join" : "zmq_leave", option: $"group '{group}'");
                }
            }
        }
        finally
        {
            ExitSync();
        }
    }

    private void RequireType(ZmqSocketType type, string operation)
    {
        ThrowIfDisposed();
        if (SocketType != type)
        {
            throw new InvalidOperationException($"{operation} is for {type} sockets; this one is {SocketType}.");
        }
    }
}
