namespace Zmq;

public sealed partial class ZmqSocket
{
    /// <summary>
    /// Sends a multipart message atomically: every frame is checked before the first is sent, and
    /// libzmq delivers all frames or none. If the peer disconnects while the frames are queued, nothing
    /// is delivered and the next message is unaffected.
    /// </summary>
    /// <exception cref="ArgumentException">No frames, or a null frame (named by index).</exception>
    /// <exception cref="ZmqException">It would block (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void SendMultipart(params ReadOnlySpan<byte[]> frames)
    {
        if (!TrySendMultipart(frames))
        {
            ThrowWouldBlock(nameof(SendMultipart), receiving: false, 0);
        }
    }

    /// <summary>
    /// Sends a multipart message atomically; false, with nothing delivered, when it would block or when
    /// the peer it was going to disconnected while its frames were queued (sending it again picks another
    /// peer). The socket is always left ready for the next message.
    /// </summary>
    /// <returns>True when the whole message was queued; false, with nothing delivered, when it would block.</returns>
    /// <exception cref="ArgumentException">No frames, or a null frame (named by index).</exception>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public bool TrySendMultipart(ReadOnlySpan<byte[]> frames, ZmqSendFlags flags = ZmqSendFlags.None)
    {
        ValidateFrames(frames);
        ThrowIfDisposed();
        // One gate for the whole message: no other call on the socket can slip between its frames.
        EnterSync(nameof(SendMultipart));
        try
        {
            return TrySendMultipartCore(frames, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>
    /// Sends a multipart message atomically from a list, such as the one
    /// <see cref="ReceiveMultipart"/> returned: <c>to.SendMultipart(from.ReceiveMultipart())</c>
    /// forwards a message as it came (see <see cref="ForwardMessageTo"/> for the zero-copy way).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="ArgumentException">No frames, or a null frame (named by index).</exception>
    /// <exception cref="ZmqException">It would block (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void SendMultipart(IReadOnlyList<byte[]> frames) => SendMultipart(AsSpan(frames));

    /// <summary>Sends a multipart message atomically from a list; false, with nothing delivered, when it would block (see the span overload).</summary>
    /// <returns>True when the whole message was queued; false, with nothing delivered, when it would block.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="ArgumentException">No frames, or a null frame (named by index).</exception>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public bool TrySendMultipart(IReadOnlyList<byte[]> frames, ZmqSendFlags flags = ZmqSendFlags.None) =>
        TrySendMultipart(AsSpan(frames), flags);

    /// <summary>Sends a multipart message atomically from a list of UTF-8 strings, such as <see cref="ReceiveMultipartStrings"/> returns.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="ArgumentException">No frames, or a null frame (named by index).</exception>
    /// <exception cref="ZmqException">It would block, or another libzmq error.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void SendMultipart(IReadOnlyList<string> frames) => SendMultipart(AsSpan(frames));

    /// <summary>A list's frames as a span: a List's or an array's own storage, else a copy.</summary>
    private static ReadOnlySpan<T> AsSpan<T>(IReadOnlyList<T> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return frames switch
        {
            T[] array => array,
            List<T> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
            _ => frames.ToArray(),
        };
    }

    /// <summary>Sends validated frames; the caller holds the gate. False when nothing was delivered.</summary>
    private bool TrySendMultipartCore(ReadOnlySpan<byte[]> frames, ZmqSendFlags flags)
    {
        flags &= ~ZmqSendFlags.SendMore;
        for (int i = 0; i < frames.Length; i++)
        {
            bool more = i < frames.Length - 1;
            if (!TrySendCore(frames[i], more ? flags | ZmqSendFlags.SendMore : flags))
            {
                return AbandonInterruptedMessage(i, more);
            }
            FrameQueuedForTests?.Invoke(this, i);
        }
        return true;
    }

    /// <summary>Test hook: runs after each frame of a multipart send is queued (socket, frame index).</summary>
    internal static Action<ZmqSocket, int>? FrameQueuedForTests { get; set; }

    /// <summary>
    /// Leaves the socket ready for the next message after frame <paramref name="failedFrame"/> of a
    /// multipart message could not be queued, and returns false: nothing of the message was delivered.
    /// </summary>
    /// <remarks>
    /// Why this is enough (libzmq 4.3 <c>pipe.cpp</c>, <c>lb.cpp</c>, <c>pair.cpp</c>, <c>router.cpp</c>,
    /// <c>dist.cpp</c>). The high-water mark counts whole messages (a pipe counts a message written at
    /// its last frame), so once the first frame is queued a later one fails only because the pipe it
    /// goes to has begun to terminate: the peer disconnected mid-message. Frames are flushed to the peer
    /// only at the last one, so the frames already queued never reach anyone.
    /// PUSH, DEALER and REQ load-balance (<c>lb_t</c>): the failure rolls the pipe back and, when the
    /// failed frame had more to follow, switches to dropping mode, which discards every frame up to the
    /// next one without MORE. libzmq's blocking send then reports success for the rest; a non-blocking
    /// send reports EAGAIN, and a caller that stopped there would lose its <em>next</em> message to the
    /// dropping mode. One empty frame without MORE ends that mode, and it cannot reach a peer because
    /// dropping is checked before any pipe is chosen. Sending the whole message again then picks another
    /// peer. PAIR's frames die with its pipe and its next message goes whole to the next peer; ROUTER
    /// and STREAM discard the rest of a message to a vanished peer themselves and report success, and
    /// PUB, XPUB and RADIO never fail a frame, so neither needs anything. A REQ socket has then sent its
    /// request as far as libzmq is concerned and waits for a reply, as after any lost request.
    /// </remarks>
    private bool AbandonInterruptedMessage(int failedFrame, bool failedFrameHadMore)
    {
        if (failedFrame > 0 && failedFrameHadMore
            && SocketType is ZmqSocketType.Push or ZmqSocketType.Dealer or ZmqSocketType.Req)
        {
            TrySendCore(ReadOnlySpan<byte>.Empty, ZmqSendFlags.DontWait);
        }
        return false;
    }

    /// <summary>Sends a multipart message atomically, each frame a UTF-8 string.</summary>
    /// <exception cref="ArgumentException">No frames, or a null frame (named by index).</exception>
    /// <exception cref="ZmqException">It would block, or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public void SendMultipart(params ReadOnlySpan<string> frames)
    {
        ValidateFrames(frames);
        ThrowIfDisposed();
        Span<byte> scratch = stackalloc byte[StackEncodingLimit];
        EnterSync(nameof(SendMultipart));
        try
        {
            for (int i = 0; i < frames.Length; i++)
            {
                bool more = i < frames.Length - 1;
                using var frame = new Utf8Buffer(frames[i], scratch);
                if (!TrySendCore(frame.Bytes, more ? ZmqSendFlags.SendMore : ZmqSendFlags.None))
                {
                    AbandonInterruptedMessage(i, more);
                    ThrowWouldBlock(nameof(SendMultipart), receiving: false, 0);
                }
            }
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>Receives every frame of one multipart message as byte arrays.</summary>
    /// <returns>The message's frames, in order.</returns>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public List<byte[]> ReceiveMultipart(ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        var frames = new List<byte[]>();
        if (!TryReceiveMultipart(frames, flags))
        {
            ThrowWouldBlock(nameof(ReceiveMultipart), receiving: true, (int)flags);
        }
        return frames;
    }

    /// <summary>
    /// Receives every frame of one multipart message into <paramref name="frames"/> (cleared first);
    /// false, with the list empty, when nothing arrived in time.
    /// </summary>
    /// <returns>True when a message was received; false, with the list empty, when none arrived in time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN on the first frame.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public bool TryReceiveMultipart(List<byte[]> frames, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ThrowIfDisposed();
        EnterSync(nameof(ReceiveMultipart));
        try
        {
            return TryReceiveMultipartCore<byte[], FrameBytes>(frames, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>
    /// Receives a whole multipart message into <paramref name="frames"/> (cleared first), each frame
    /// read once from its native message by <typeparamref name="TDecoder"/>; the caller holds the gate.
    /// </summary>
    private bool TryReceiveMultipartCore<TFrame, TDecoder>(List<TFrame> frames, ZmqReceiveFlags flags)
        where TDecoder : IFrameDecoder<TFrame>
    {
        frames.Clear();
        var message = new ZmqMessage();
        try
        {
            if (!TryReceiveMessageCore(ref message, flags))
            {
                return false;
            }
            frames.Add(TDecoder.Decode(in message));
            // libzmq delivers multipart messages atomically: the other frames are already queued.
            while (message.HasMore)
            {
                ReceiveNextFrame(ref message, flags);
                frames.Add(TDecoder.Decode(in message));
            }
            return true;
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>How a received frame becomes an element of a multipart result (no delegate: resolved per type).</summary>
    private interface IFrameDecoder<TFrame>
    {
        static abstract TFrame Decode(in ZmqMessage message);
    }

    /// <summary>A frame as an array of its bytes.</summary>
    private readonly struct FrameBytes : IFrameDecoder<byte[]>
    {
        public static byte[] Decode(in ZmqMessage message) => message.Data.ToArray();
    }

    /// <summary>A frame decoded as UTF-8.</summary>
    private readonly struct FrameUtf8 : IFrameDecoder<string>
    {
        public static string Decode(in ZmqMessage message) => message.ToUtf8String();
    }

    private void ReceiveNextFrame(ref ZmqMessage message, ZmqReceiveFlags flags)
    {
        if (!TryReceiveMessageCore(ref message, flags))
        {
            ThrowWouldBlock(nameof(ReceiveMultipart), receiving: true, (int)flags);
        }
    }

    /// <summary>Receives every frame of one multipart message decoded as UTF-8.</summary>
    /// <returns>The message's frames decoded as UTF-8, in order.</returns>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public List<string> ReceiveMultipartStrings(ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        var frames = new List<string>();
        if (!TryReceiveMultipartStrings(frames, flags))
        {
            ThrowWouldBlock(nameof(ReceiveMultipartStrings), receiving: true, (int)flags);
        }
        return frames;
    }

    /// <summary>
    /// Receives every frame of one multipart message decoded as UTF-8 into <paramref name="frames"/>
    /// (cleared first); false, with the list empty, when nothing arrived in time.
    /// </summary>
    /// <returns>True when a message was received; false, with the list empty, when none arrived in time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN on the first frame.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public bool TryReceiveMultipartStrings(List<string> frames, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ThrowIfDisposed();
        frames.Clear();
        EnterSync(nameof(ReceiveMultipartStrings));
        try
        {
            return TryReceiveMultipartCore<string, FrameUtf8>(frames, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>
    /// Moves one whole message, every frame, from this socket to <paramref name="destination"/>
    /// without copying it (<c>zmq_msg_recv</c> then <c>zmq_msg_send</c> per frame, the MORE flag kept),
    /// as a broker forwards between its frontend and backend. Blocks per each socket's timeouts.
    /// </summary>
    /// <returns>How many frames were forwarded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), the destination would block, or another libzmq error; frames of the message not yet forwarded are then dropped, never left to corrupt the next message.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">Either socket was disposed.</exception>
    public int ForwardMessageTo(ZmqSocket destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var frame = new ZmqMessage();
        int forwarded = 0;
        bool more = false;
        try
        {
            do
            {
                ReceiveMessage(ref frame);
                more = frame.HasMore;
                if (!destination.TrySend(ref frame, more ? ZmqSendFlags.SendMore : ZmqSendFlags.None))
                {
                    destination.ThrowWouldBlock(nameof(ForwardMessageTo), receiving: false, 0);
                }
                forwarded++;
            }
            while (more);
            return forwarded;
        }
        catch (Exception) when (forwarded > 0 || more)
        {
            // Neither side may be left mid-message: the destination's queued frames are abandoned
            // (multipart sends are atomic, so none reached a peer) and the rest of the incoming
            // message is drained, so both sockets start their next message cleanly.
            if (forwarded > 0)
            {
                destination.EndInterruptedMessage(forwarded, more);
            }
            while (more && TryReceiveMessage(ref frame, ZmqReceiveFlags.DontWait))
            {
                more = frame.HasMore;
            }
            throw;
        }
        finally
        {
            frame.Dispose();
        }
    }

    /// <summary><see cref="AbandonInterruptedMessage"/> for a message sent frame by frame outside the gate.</summary>
    private void EndInterruptedMessage(int failedFrame, bool failedFrameHadMore)
    {
        EnterSync(nameof(ForwardMessageTo));
        try
        {
            AbandonInterruptedMessage(failedFrame, failedFrameHadMore);
        }
        finally
        {
            ExitSync();
        }
    }

    private static void ValidateFrames<T>(ReadOnlySpan<T> frames)
        where T : class
    {
        if (frames.IsEmpty)
        {
            throw new ArgumentException("A multipart message needs at least one frame.", nameof(frames));
        }
        for (int i = 0; i < frames.Length; i++)
        {
            if (frames[i] is null)
            {
                throw new ArgumentException($"Frame {i} of {frames.Length} is null; nothing was sent.", nameof(frames));
            }
        }
    }
}
