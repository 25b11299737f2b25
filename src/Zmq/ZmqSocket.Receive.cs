using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

public sealed partial class ZmqSocket
{
    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> (<c>zmq_recv(3)</c>); allocates nothing. A longer
    /// frame is truncated, never silently: the result reports <see cref="ZmqReceiveResult.Truncated"/>.
    /// Blocks until a frame arrives, or up to <see cref="ReceiveTimeout"/>.
    /// </summary>
    /// <returns>How many bytes were written and the frame's full length (<see cref="ZmqReceiveResult.Truncated"/> says whether it was cut).</returns>
    /// <exception cref="ZmqException">It would block (<see cref="ZmqError.TryAgain"/>: the timeout passed or
    /// <see cref="ZmqReceiveFlags.DontWait"/>), the socket cannot receive (<see cref="ZmqError.NotSupported"/>,
    /// <see cref="ZmqError.InvalidState"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public ZmqReceiveResult Receive(Span<byte> buffer, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        if (!TryReceive(buffer, out ZmqReceiveResult result, flags))
        {
            ThrowWouldBlock(nameof(Receive), receiving: true, (int)flags);
        }
        return result;
    }

    /// <summary>Receives one frame like <see cref="Receive(Span{byte}, ZmqReceiveFlags)"/>; false when none
    /// arrived in time (EAGAIN).</summary>
    /// <returns>True when a frame was received; false when none arrived in time (EAGAIN).</returns>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public bool TryReceive(Span<byte> buffer, out ZmqReceiveResult result, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        ThrowIfDisposed();
        EnterSync(nameof(Receive));
        try
        {
            return TryReceiveCore(buffer, out result, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>zmq_recv with EINTR handled; the caller holds the gate.</summary>
    private unsafe bool TryReceiveCore(Span<byte> buffer, out ZmqReceiveResult result, ZmqReceiveFlags flags)
    {
        long started = StartClock(_receiveTimeoutMs, (int)flags);
        fixed (byte* p = buffer)
        {
            int length = LibZmq.zmq_recv_raw(_native, p, (nuint)buffer.Length, (int)flags);
            if (length < 0 && (length = RetryAfterFailure(BlockingOperation.Receive, p, (nuint)buffer.Length, (int)flags, started)) < 0)
            {
                result = default;
                return false;
            }
            result = new ZmqReceiveResult(Math.Min(length, buffer.Length), length);
            CountReceived(length); // the frame's full length: bytes the socket took off the wire, truncated or not
            return true;
        }
    }

    /// <summary>
    /// Receives one frame of any size as a native message (<c>zmq_msg_recv(3)</c>), read through
    /// <see cref="ZmqMessage.Data"/> without a copy; allocates nothing. Dispose the message.
    /// </summary>
    /// <returns>The received message; dispose it.</returns>
    /// <exception cref="ZmqException">It would block (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public ZmqMessage ReceiveMessage(ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        // The message is set up inside the call (GetPointerForReceive), which also takes it back if
        // the call throws; so no try/catch of its own here.
        var message = default(ZmqMessage);
        if (!TryReceiveMessage(ref message, flags))
        {
            message.Dispose();
            ThrowWouldBlock(nameof(ReceiveMessage), receiving: true, (int)flags);
        }
        return message;
    }

    /// <summary>
    /// Receives one frame into an existing message, replacing its content; reusing one message in
    /// a loop saves its set-up per frame.
    /// </summary>
    /// <exception cref="ZmqException">It would block (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void ReceiveMessage(ref ZmqMessage message, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        if (!TryReceiveMessage(ref message, flags))
        {
            ThrowWouldBlock(nameof(ReceiveMessage), receiving: true, (int)flags);
        }
    }

    /// <summary>Receives one frame into an existing message; false when none arrived in time (EAGAIN).</summary>
    /// <returns>True when a frame was received into <paramref name="message"/>; false when none arrived in time.</returns>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    public bool TryReceiveMessage(ref ZmqMessage message, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        ThrowIfDisposed();
        EnterSync(nameof(ReceiveMessage));
        try
        {
            return TryReceiveMessageCore(ref message, flags);
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>zmq_msg_recv with EINTR handled; the caller holds the gate.</summary>
    private unsafe bool TryReceiveMessageCore(ref ZmqMessage message, ZmqReceiveFlags flags)
    {
        bool setUpHere = !message.IsInitialized;
        zmq_msg_t* msg = message.GetPointerForReceive();
        long started = StartClock(_receiveTimeoutMs, (int)flags);
        int length = LibZmq.zmq_msg_recv_raw(msg, _native, (int)flags);
        if (length < 0 && (length = RetryMessageReceive(ref message, msg, setUpHere, flags, started)) < 0)
        {
            return false;
        }
        CountReceived(length);
        return true;
    }

    /// <summary>
    /// The slow path of <see cref="TryReceiveMessageCore"/>: EINTR, EAGAIN or an error. A message this
    /// call set up is released again if it throws, so the caller's value is left as it came in.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe int RetryMessageReceive(ref ZmqMessage message, zmq_msg_t* msg, bool setUpHere, ZmqReceiveFlags flags, long started)
    {
        try
        {
            return RetryAfterFailure(BlockingOperation.MessageReceive, msg, 0, (int)flags, started);
        }
        catch when (setUpHere)
        {
            message.Dispose();
            throw;
        }
    }
}
