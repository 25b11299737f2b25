using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

public sealed partial class ZmqSocket
{
    /// <summary>
    /// Sends one frame, copied once into a native message (<c>zmq_send(3)</c>; a large frame, into a
    /// pooled block: remarks); allocates nothing on the managed heap.
    /// Blocks until it is queued, or up to <see cref="SendTimeout"/>.
    /// </summary>
    /// <remarks>A frame of 32 KiB to 4 MiB is copied into a block of the binding's own pool instead of
    /// a block libzmq allocates, and sent over it (<c>zmq_msg_init_data(3)</c>, <c>zmq_msg_send(3)</c>):
    /// the blocks a stream of large frames needs are made once and reused, where libzmq's
    /// allocation per frame can make the C library give memory back and fault it in again on every
    /// frame. Blocks are powers of two; the pool keeps at most 4 MiB of free blocks per size (32 MiB
    /// for the process) for the process's life; whichever thread drops the frame (libzmq's I/O
    /// thread over tcp and ipc, the receiver over inproc) gives its block back through a callback
    /// into .NET. The <c>Zmq.DisableLargeFramePool</c> <see cref="AppContext"/> switch turns it off
    /// (in the runtimeconfig, or set before the process's first send). The same holds for every
    /// send of a span, buffer or string (<see cref="TrySend(ReadOnlySpan{byte}, ZmqSendFlags)"/>,
    /// <c>SendAsync</c>, <c>SendMultipart</c>, <c>SendString</c>); not for the draft API's sends
    /// with a routing id or group, or for a <see cref="ZmqMessage"/>.</remarks>
    /// <param name="data">The frame; free to reuse as soon as the call returns.</param>
    /// <param name="flags"><see cref="ZmqSendFlags.SendMore"/> for all but a message's last frame.</param>
    /// <exception cref="ZmqException">It would block (<see cref="ZmqError.TryAgain"/>: the timeout passed or
    /// <see cref="ZmqSendFlags.DontWait"/>), the socket cannot send now (<see cref="ZmqError.InvalidState"/>),
    /// or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void Send(ReadOnlySpan<byte> data, ZmqSendFlags flags = ZmqSendFlags.None)
    {
        if (!TrySend(data, flags))
        {
            ThrowWouldBlock(nameof(Send), receiving: false, (int)flags);
        }
    }

    /// <summary>
    /// Sends one frame like <see cref="Send(ReadOnlySpan{byte}, ZmqSendFlags)"/>, but returns false instead
    /// of throwing when it would block (EAGAIN).
    /// </summary>
    /// <returns>True when the frame was queued; false when it would block (EAGAIN).</returns>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public bool TrySend(ReadOnlySpan<byte> data, ZmqSendFlags flags = ZmqSendFlags.None)
    {
        ThrowIfDisposed();
        EnterSync(nameof(Send));
        try
        {
            return TrySendCore(data, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>zmq_send with EINTR handled; the caller holds the gate.</summary>
    private unsafe bool TrySendCore(ReadOnlySpan<byte> data, ZmqSendFlags flags)
    {
        long started = StartClock(_sendTimeoutMs, (int)flags);
        if (LargeFramePool.Takes(data.Length) && TrySendPooled(data, flags, started, out bool sent))
        {
            return sent;
        }
        fixed (byte* p = data)
        {
            if (LibZmq.zmq_send_raw(_native, p, (nuint)data.Length, (int)flags) < 0
                && RetryAfterFailure(BlockingOperation.Send, p, (nuint)data.Length, (int)flags, started) < 0)
            {
                return false;
            }
        }
        CountSent(data.Length);
        return true;
    }

    /// <summary>
    /// <see cref="TrySendCore"/> for a large frame: copied into a block of <see cref="LargeFramePool"/>
    /// (LargeFramePool.cs says why) and sent as a message over it (<c>zmq_msg_init_data(3)</c>,
    /// <c>zmq_msg_send(3)</c>), whose free function gives the block back. A send that fails closes
    /// the message, which gives the block back at once. False, with nothing sent, when the pool has
    /// no block and no memory for one, or libzmq none for the message over it: the caller sends
    /// through libzmq's copy instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe bool TrySendPooled(ReadOnlySpan<byte> data, ZmqSendFlags flags, long started, out bool sent)
    {
        sent = false;
        int sizeClass = LargeFramePool.ClassOf(data.Length);
        nint block = LargeFramePool.TryRent(sizeClass);
        if (block == 0)
        {
            return false;
        }
        data.CopyTo(new Span<byte>((void*)block, data.Length));
        zmq_msg_t message;
        if (LibZmq.zmq_msg_init_data(&message, (void*)block, (nuint)data.Length, &LargeFramePool.Release, (void*)(nint)sizeClass) != 0)
        {
            // Only its small header could not be allocated: the pool still adds no failure of its
            // own (TryRent says why), and libzmq's copy fails as it would without the pool.
            LargeFramePool.Return(block, sizeClass);
            return false;
        }
        try
        {
            sent = SendNativeMessage(&message, (int)flags, started) >= 0;
        }
        finally
        {
            if (!sent)
            {
                LibZmq.zmq_msg_close(&message); // still the caller's: its free function returns the block now
            }
        }
        if (sent)
        {
            CountSent(data.Length);
        }
        return true;
    }

    /// <summary>
    /// Sends a message without copying it (<c>zmq_msg_send(3)</c>). On success libzmq owns the content
    /// and <paramref name="message"/> is left empty; on failure it is unchanged. Dispose it either way.
    /// </summary>
    /// <exception cref="ZmqException">It would block, or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket or the message was disposed.</exception>
    public void Send(ref ZmqMessage message, ZmqSendFlags flags = ZmqSendFlags.None)
    {
        if (!TrySend(ref message, flags))
        {
            ThrowWouldBlock(nameof(Send), receiving: false, (int)flags);
        }
    }

    /// <summary>
    /// Sends a message without copying it, like <see cref="Send(ref ZmqMessage, ZmqSendFlags)"/>, but
    /// taken by value, so a <c>using</c> variable can be sent: <c>using var frame = from.ReceiveMessage();
    /// to.Send(frame);</c>. Copies of a message share it: once sent, the caller's copy reads as disposed
    /// and its <c>Dispose</c> does nothing; if the send fails, the caller's copy still owns it.
    /// </summary>
    /// <exception cref="ZmqException">It would block, or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket or the message was disposed.</exception>
    public void Send(ZmqMessage message, ZmqSendFlags flags = ZmqSendFlags.None) => Send(ref message, flags);

    /// <summary>Sends a message like <see cref="Send(ref ZmqMessage, ZmqSendFlags)"/>; false when it would block.</summary>
    /// <returns>True when the frame was queued; false when it would block (EAGAIN).</returns>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket or the message was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public bool TrySend(ref ZmqMessage message, ZmqSendFlags flags = ZmqSendFlags.None)
    {
        ThrowIfDisposed();
        EnterSync(nameof(Send));
        try
        {
            return TrySendMessageCore(ref message, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>zmq_msg_send with EINTR handled; the caller holds the gate (or, on a thread-safe socket, a reference).</summary>
    private unsafe bool TrySendMessageCore(ref ZmqMessage message, ZmqSendFlags flags)
    {
        zmq_msg_t* msg = message.GetPointerForSend();
        int sent = SendNativeMessage(msg, (int)flags, StartClock(_sendTimeoutMs, (int)flags));
        if (sent < 0)
        {
            return false;
        }
        message.MarkSent();
        CountSent(sent); // zmq_msg_send returns the frame's size: no zmq_msg_size call for the counter
        return true;
    }

    /// <summary>
    /// zmq_msg_send with EINTR handled: the frame's size, or -1 when it would block (the message is
    /// then still the caller's). The caller holds the gate (or, on a thread-safe socket, a reference).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe int SendNativeMessage(zmq_msg_t* msg, int flags, long started)
    {
        int sent = LibZmq.zmq_msg_send_raw(msg, _native, flags);
        return sent >= 0 ? sent : RetryAfterFailure(BlockingOperation.MessageSend, msg, 0, flags, started);
    }
}
