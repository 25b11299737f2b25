namespace Zmq;

public sealed partial class ZmqSocket
{
    /// <summary>
    /// Sends a multipart message atomically: every frame is checked before the first is sent, and
    /// libzmq delivers all frames or none.
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

    /// <summary>Sends a multipart message atomically; false, with nothing sent, when it would block.</summary>
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

    /// <summary>Sends validated frames; the caller holds the gate.</summary>
    private bool TrySendMultipartCore(ReadOnlySpan<byte[]> frames, ZmqSendFlags flags)
    {
        // libzmq counts the high-water mark in whole messages: once the first frame is accepted the
        // rest always are, so only the first send can return false.
        flags &= ~ZmqSendFlags.SendMore;
        for (int i = 0; i < frames.Length; i++)
        {
            ZmqSendFlags frameFlags = i < frames.Length - 1 ? flags | ZmqSendFlags.SendMore : flags;
            if (!TrySendCore(frames[i], frameFlags))
            {
                if (i == 0)
                {
                    return false;
                }
                ThrowWouldBlock(nameof(SendMultipart), receiving: false, (int)flags);
            }
        }
        return true;
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
                ZmqSendFlags frameFlags = i < frames.Length - 1 ? ZmqSendFlags.SendMore : ZmqSendFlags.None;
                using var frame = new Utf8Buffer(frames[i], scratch);
                if (!TrySendCore(frame.Bytes, frameFlags))
                {
                    ThrowWouldBlock(nameof(SendMultipart), receiving: false, (int)frameFlags);
                }
            }
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>Receives every frame of one multipart message as byte arrays.</summary>
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
            return TryReceiveMultipartCore(frames, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>Receives a whole multipart message into <paramref name="frames"/>; the caller holds the gate.</summary>
    private bool TryReceiveMultipartCore(List<byte[]> frames, ZmqReceiveFlags flags)
    {
        frames.Clear();
        var message = new ZmqMessage();
        try
        {
            if (!TryReceiveMessageCore(ref message, flags))
            {
                return false;
            }
            frames.Add(message.Data.ToArray());
            // libzmq delivers multipart messages atomically: the other frames are already queued.
            while (message.HasMore)
            {
                ReceiveNextFrame(ref message, flags);
                frames.Add(message.Data.ToArray());
            }
            return true;
        }
        finally
        {
            message.Dispose();
        }
    }

    private void ReceiveNextFrame(ref ZmqMessage message, ZmqReceiveFlags flags)
    {
        if (!TryReceiveMessageCore(ref message, flags))
        {
            ThrowWouldBlock(nameof(ReceiveMultipart), receiving: true, (int)flags);
        }
    }

    /// <summary>Receives every frame of one multipart message decoded as UTF-8.</summary>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public List<string> ReceiveMultipartStrings(ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        ThrowIfDisposed();
        var frames = new List<string>();
        var message = new ZmqMessage();
        EnterSync(nameof(ReceiveMultipartStrings));
        try
        {
            do
            {
                ReceiveNextFrame(ref message, flags);
                frames.Add(message.ToUtf8String());
            }
            while (message.HasMore);
            return frames;
        }
        finally
        {
            ExitSync();
            message.Dispose();
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
