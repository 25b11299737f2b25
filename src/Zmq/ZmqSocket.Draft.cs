using Zmq.Interop;

namespace Zmq;

// The draft API's socket calls: routing ids (SERVER, PEER), groups (RADIO, DISH) and peers (PEER).
// Each allocates nothing for frames and short groups. On a libzmq without drafts the socket types
// themselves cannot be created (NotSupportedException), so these are reached only with drafts.
public sealed partial class ZmqSocket
{
    private GroupNameCache? _groupNames;

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
    /// <returns>The routing id that addresses the new peer.</returns>
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
        SendAddressed(data, RoutingIdArgument(routingId), group: null, flags);

    /// <summary>Sends one frame to a group (RADIO): one native copy, no allocation.</summary>
    /// <exception cref="ArgumentException"><paramref name="group"/> is null, contains NUL or is over 15 UTF-8 bytes.</exception>
    /// <exception cref="ZmqException">It would block, or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void Send(ReadOnlySpan<byte> data, string group, ZmqSendFlags flags = ZmqSendFlags.None) =>
        SendAddressed(data, 0, GroupArgument(group), flags);

    /// <summary>
    /// Sends one frame asynchronously to the peer with <paramref name="routingId"/> (SERVER, PEER);
    /// on a thread-safe socket any number of sends may be pending at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="routingId"/> is 0.</exception>
    /// <exception cref="ZmqException">The peer is unknown (EHOSTUNREACH), or another libzmq error.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed, also while waiting.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down, also while waiting.</exception>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, uint routingId, CancellationToken cancellationToken = default) =>
        _async.RunAsync(new SendAddressedAttempt(data, RoutingIdArgument(routingId), null), cancellationToken);

    /// <summary>Sends one frame asynchronously to a group (RADIO).</summary>
    /// <exception cref="ArgumentException"><paramref name="group"/> is null, contains NUL or is over 15 UTF-8 bytes.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed, also while waiting.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down, also while waiting.</exception>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, string group, CancellationToken cancellationToken = default) =>
        _async.RunAsync(new SendAddressedAttempt(data, 0, GroupArgument(group)), cancellationToken);

    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> with the routing id of the peer it came from
    /// (SERVER, PEER); the size is the frame's full size, as for <c>zmq_recv</c>, and what does not fit
    /// is an error rather than silently cut.
    /// </summary>
    /// <returns>The frame's size in bytes (all of it in <paramref name="buffer"/>).</returns>
    /// <exception cref="ArgumentException">The frame is larger than <paramref name="buffer"/> (sizes named; the frame is dropped).</exception>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public int Receive(Span<byte> buffer, out uint routingId, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        ZmqAddressedReceiveResult result = ReceiveAddressed(buffer, flags);
        routingId = result.RoutingId;
        return result.Length;
    }

    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> with the group it was sent to (DISH); the
    /// frame must fit, as for the routing-id overload. A group seen before is returned as the same
    /// string, so this allocates nothing in steady state.
    /// </summary>
    /// <returns>The frame's size in bytes (all of it in <paramref name="buffer"/>).</returns>
    /// <exception cref="ArgumentException">The frame is larger than <paramref name="buffer"/> (sizes named; the frame is dropped).</exception>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public int Receive(Span<byte> buffer, out string group, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        ZmqAddressedReceiveResult result = ReceiveAddressed(buffer, flags);
        group = result.Group;
        return result.Length;
    }

    /// <summary>
    /// Receives one frame asynchronously with its routing id (SERVER, PEER) or group (DISH); the frame
    /// must fit <paramref name="buffer"/>. On a thread-safe socket any number of receives may be
    /// pending at once: each message completes one of them.
    /// </summary>
    /// <returns>The frame's length, the sending peer's routing id and the message's group.</returns>
    /// <exception cref="ArgumentException">The frame is larger than <paramref name="buffer"/> (sizes named; the frame is dropped).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed, also while waiting.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down, also while waiting.</exception>
    public ValueTask<ZmqAddressedReceiveResult> ReceiveAddressedAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _async.RunAsync<ReceiveAddressedAttempt, ZmqAddressedReceiveResult>(new ReceiveAddressedAttempt(buffer), receiving: true, cancellationToken);

    private static uint RoutingIdArgument(uint routingId) =>
        routingId != 0 ? routingId : throw new ArgumentOutOfRangeException(nameof(routingId), "A routing id is never 0: use the one a message came with or ConnectPeer returned.");

    private static string GroupArgument(string group)
    {
        Span<byte> scratch = stackalloc byte[LibZmq.Draft.ZMQ_GROUP_MAX_LENGTH + 1];
        using var checkedName = GroupName.Encode(group, scratch, nameof(group));
        return group;
    }

    /// <summary>Sends a copy of <paramref name="data"/> addressed by a group when one is given, else by routing id.</summary>
    private void SendAddressed(ReadOnlySpan<byte> data, uint routingId, string? group, ZmqSendFlags flags)
    {
        ThrowIfDisposed();
        EnterSync(nameof(Send));
        bool sent;
        try
        {
            sent = TrySendAddressedCore(data, routingId, group, flags);
        }
        finally
        {
            ExitSync();
        }
        if (!sent)
        {
            ThrowWouldBlock(nameof(Send), receiving: false, (int)flags);
        }
    }

    /// <summary>Receives a frame that must fit <paramref name="buffer"/>, with its routing id and group.</summary>
    private ZmqAddressedReceiveResult ReceiveAddressed(Span<byte> buffer, ZmqReceiveFlags flags)
    {
        ThrowIfDisposed();
        EnterSync(nameof(Receive));
        bool received;
        ZmqAddressedReceiveResult result;
        try
        {
            received = TryReceiveAddressedCore(buffer, flags, out result);
        }
        finally
        {
            ExitSync();
        }
        if (!received)
        {
            ThrowWouldBlock(nameof(Receive), receiving: true, (int)flags);
        }
        return result;
    }

    /// <summary>An addressed zmq_msg_send of a copy of <paramref name="data"/>; the caller holds the gate (or a reference).</summary>
    private bool TrySendAddressedCore(ReadOnlySpan<byte> data, uint routingId, string? group, ZmqSendFlags flags)
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
            return TrySendMessageCore(ref message, flags);
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>An addressed zmq_msg_recv into <paramref name="buffer"/>; the caller holds the gate (or a reference).</summary>
    private bool TryReceiveAddressedCore(Span<byte> buffer, ZmqReceiveFlags flags, out ZmqAddressedReceiveResult result)
    {
        var message = new ZmqMessage();
        try
        {
            if (!TryReceiveMessageCore(ref message, flags))
            {
                result = default;
                return false;
            }
            if (message.Size > buffer.Length)
            {
                throw new ArgumentException(
                    $"The frame is {message.Size} bytes and the buffer {buffer.Length}; nothing was truncated: receive into a ZmqMessage for frames of any size.",
                    nameof(buffer));
            }
            message.Data.CopyTo(buffer);
            ReadOnlySpan<byte> group = message.GroupUtf8;
            string name = group.IsEmpty ? string.Empty : (_groupNames ??= new GroupNameCache()).Get(group);
            result = new ZmqAddressedReceiveResult(message.Size, message.RoutingId, name);
            return true;
        }
        finally
        {
            message.Dispose();
        }
    }

    private readonly struct SendAddressedAttempt(ReadOnlyMemory<byte> data, uint routingId, string? group) : IAsyncAttempt<bool>
    {
        public bool TryRun(ZmqSocket socket, out bool result) =>
            result = socket.TrySendAddressedCore(data.Span, routingId, group, ZmqSendFlags.DontWait);
    }

    private readonly struct ReceiveAddressedAttempt(Memory<byte> buffer) : IAsyncAttempt<ZmqAddressedReceiveResult>
    {
        public bool TryRun(ZmqSocket socket, out ZmqAddressedReceiveResult result) =>
            socket.TryReceiveAddressedCore(buffer.Span, ZmqReceiveFlags.DontWait, out result);
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
