using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

// The slow path shared by every send and receive: after a native call failed, tell EAGAIN (a
// false result) from EINTR (retry with what is left of the timeout) from a real error (throw).
public sealed partial class ZmqSocket
{
    // Cached copies of ZMQ_RCVTIMEO/ZMQ_SNDTIMEO, kept by their setters, so the hot path knows
    // without a getsockopt whether it needs a start time to recompute the timeout after EINTR.
    private int _receiveTimeoutMs = -1;
    private int _sendTimeoutMs = -1;

    private enum BlockingOperation
    {
        Send,
        Receive,
        MessageSend,
        MessageReceive,
    }

    /// <summary>The start time a call needs for EINTR handling, or 0 when it has no timeout to recompute.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long StartClock(int timeoutMs, int flags) =>
        timeoutMs > 0 && (flags & LibZmq.ZMQ_DONTWAIT) == 0 ? Stopwatch.GetTimestamp() : 0;

    /// <summary>
    /// Called right after <paramref name="operation"/> returned -1. Retries through EINTR, returning
    /// the call's result, or -1 for EAGAIN (including a timeout used up by interruptions).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private unsafe int RetryAfterFailure(BlockingOperation operation, void* buffer, nuint length, int flags, long started)
    {
        bool receiving = operation is BlockingOperation.Receive or BlockingOperation.MessageReceive;
        int option = receiving ? LibZmq.ZMQ_RCVTIMEO : LibZmq.ZMQ_SNDTIMEO;
        int timeout = receiving ? _receiveTimeoutMs : _sendTimeoutMs;
        bool adjusted = false;
        try
        {
            while (true)
            {
                int errno = LibZmq.zmq_errno();
                if (errno == ErrnoTable.EAGAIN)
                {
                    return -1;
                }
                if (errno != LibZmq.EINTR)
                {
                    ThrowHelper.ThrowErrno(errno, $"{NameOf(operation)} on a {SocketType} socket");
                }
                // Only a classic socket gets its timeout rewritten: its gate keeps every other call
                // out meanwhile. A thread-safe socket's option is shared with calls on other threads,
                // so it is never touched; libzmq waits for those on a condition variable, which does
                // not report EINTR at all (the eintr-thread-safe scenario shows a signal storm leaves
                // both callers' timeouts whole), and were a build to report it, the call is retried
                // with the socket's own timeout.
                if (started != 0 && !_threadSafe)
                {
                    long remaining = timeout - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (remaining <= 0)
                    {
                        return -1;
                    }
                    SetInt32Native(option, (int)remaining, receiving ? nameof(ReceiveTimeout) : nameof(SendTimeout));
                    adjusted = true;
                }
                int rc = Invoke(operation, buffer, length, flags);
                if (rc >= 0)
                {
                    return rc;
                }
            }
        }
        finally
        {
            if (adjusted)
            {
                SetInt32Native(option, timeout, receiving ? nameof(ReceiveTimeout) : nameof(SendTimeout));
            }
        }
    }

    private unsafe int Invoke(BlockingOperation operation, void* buffer, nuint length, int flags) => operation switch
    {
        BlockingOperation.Send => LibZmq.zmq_send_raw(_native, buffer, length, flags),
        BlockingOperation.Receive => LibZmq.zmq_recv_raw(_native, buffer, length, flags),
        BlockingOperation.MessageSend => LibZmq.zmq_msg_send_raw((zmq_msg_t*)buffer, _native, flags),
        _ => LibZmq.zmq_msg_recv_raw((zmq_msg_t*)buffer, _native, flags),
    };

    private static string NameOf(BlockingOperation operation) => operation switch
    {
        BlockingOperation.Send => "zmq_send",
        BlockingOperation.Receive => "zmq_recv",
        BlockingOperation.MessageSend => "zmq_msg_send",
        _ => "zmq_msg_recv",
    };

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWouldBlock(string operation, bool receiving, int flags) =>
        ThrowHelper.ThrowWouldBlock(operation,
            receiving ? nameof(ReceiveTimeout) : nameof(SendTimeout),
            (flags & LibZmq.ZMQ_DONTWAIT) != 0 ? -1 : receiving ? _receiveTimeoutMs : _sendTimeoutMs);
}
