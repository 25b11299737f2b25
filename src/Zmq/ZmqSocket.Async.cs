using System.Buffers;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

// async/await without a thread per socket: try the operation with ZMQ_DONTWAIT; when it would
// block, read ZMQ_EVENTS (ZMQ_FD only signals edges, and reading ZMQ_EVENTS both tells the real
// state and re-arms the descriptor: skipping it is the classic lost wake-up) and only then park on
// the shared reactor until ZMQ_FD fires.
public sealed partial class ZmqSocket
{
    private readonly Lock _asyncGate = new();
    private AsyncWaiter? _receiveWaiter;
    private AsyncWaiter? _sendWaiter;

    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> asynchronously. Completes synchronously, with
    /// no allocation, when a frame is already queued. One receive may be pending at a time.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed, also while waiting.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down, also while waiting.</exception>
    /// <exception cref="InvalidOperationException">Another receive is already pending.</exception>
    public ValueTask<ZmqReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ZmqReceiveResult>(cancellationToken);
        }
        lock (_asyncGate)
        {
            // A second try after ZMQ_EVENTS: reading it processes pending commands (a peer's
            // "pipe drained" or "message ready"), which a DONTWAIT call alone may not have seen yet.
            if (TryReceive(buffer.Span, out ZmqReceiveResult result, ZmqReceiveFlags.DontWait)
                || ((Events & ZmqPollEvents.In) != 0 && TryReceive(buffer.Span, out result, ZmqReceiveFlags.DontWait)))
            {
                return new ValueTask<ZmqReceiveResult>(result);
            }
        }
        return ReceiveSlowAsync(buffer, cancellationToken);
    }

    /// <summary>
    /// Receives one frame of any size asynchronously into <paramref name="writer"/> (for example a
    /// pooled <see cref="ArrayBufferWriter{T}"/>); returns its length.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public async ValueTask<int> ReceiveMessageAsync(IBufferWriter<byte> writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        while (true)
        {
            lock (_asyncGate)
            {
                int length = TryReceiveInto(writer);
                if (length >= 0)
                {
                    return length;
                }
            }
            await ParkAsync(receiving: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Receives one UTF-8 frame asynchronously.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public async ValueTask<string> ReceiveStringAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_asyncGate)
            {
                if (TryReceiveString(out string? text, ZmqReceiveFlags.DontWait))
                {
                    return text;
                }
            }
            await ParkAsync(receiving: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Receives every frame of one multipart message asynchronously.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public async ValueTask<List<byte[]>> ReceiveMultipartAsync(CancellationToken cancellationToken = default)
    {
        var frames = new List<byte[]>();
        while (true)
        {
            lock (_asyncGate)
            {
                // Multipart messages arrive whole: once the first frame is there, so is the rest.
                if (TryReceiveMultipart(frames, ZmqReceiveFlags.DontWait))
                {
                    return frames;
                }
            }
            await ParkAsync(receiving: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The frames as they arrive, until cancelled (then the enumeration ends), the socket
    /// is disposed or its context shut down (then it throws).</summary>
    public async IAsyncEnumerable<byte[]> ReceiveAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var writer = new ArrayBufferWriter<byte>();
        while (!cancellationToken.IsCancellationRequested)
        {
            writer.ResetWrittenCount();
            try
            {
                await ReceiveMessageAsync(writer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            yield return writer.WrittenSpan.ToArray();
        }
    }

    /// <summary>The UTF-8 frames as they arrive; see <see cref="ReceiveAllAsync"/>.</summary>
    public async IAsyncEnumerable<string> ReceiveAllStringsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string text;
            try
            {
                text = await ReceiveStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            yield return text;
        }
    }

    /// <summary>
    /// Sends one frame asynchronously: completes synchronously, with no allocation, when it can be
    /// queued at once; otherwise waits (high-water mark reached, no peer yet) without a thread.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed, also while waiting.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down, also while waiting.</exception>
    /// <exception cref="InvalidOperationException">Another send is already pending.</exception>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, ZmqSendFlags flags = ZmqSendFlags.None, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }
        lock (_asyncGate)
        {
            // As in ReceiveAsync: libzmq learns that the peer drained the pipe by processing
            // commands, so a send refused at the high-water mark is retried once after ZMQ_EVENTS.
            if (TrySend(data.Span, flags | ZmqSendFlags.DontWait)
                || ((Events & ZmqPollEvents.Out) != 0 && TrySend(data.Span, flags | ZmqSendFlags.DontWait)))
            {
                return ValueTask.CompletedTask;
            }
        }
        return SendSlowAsync(data, flags, cancellationToken);
    }

    /// <summary>Sends one UTF-8 frame asynchronously.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public async ValueTask SendStringAsync(string text, ZmqSendFlags flags = ZmqSendFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        while (true)
        {
            lock (_asyncGate)
            {
                if (TrySendString(text, flags | ZmqSendFlags.DontWait))
                {
                    return;
                }
            }
            await ParkAsync(receiving: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a multipart message asynchronously and atomically (all frames checked first).</summary>
    /// <exception cref="ArgumentException">No frames, or a null frame.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public async ValueTask SendMultipartAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        byte[][] copy = [.. frames];
        while (true)
        {
            lock (_asyncGate)
            {
                if (TrySendMultipart(copy, ZmqSendFlags.DontWait))
                {
                    return;
                }
            }
            await ParkAsync(receiving: false, cancellationToken).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ZmqReceiveResult> ReceiveSlowAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            await ParkAsync(receiving: true, cancellationToken).ConfigureAwait(false);
            lock (_asyncGate)
            {
                if (TryReceive(buffer.Span, out ZmqReceiveResult result, ZmqReceiveFlags.DontWait))
                {
                    return result;
                }
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendSlowAsync(ReadOnlyMemory<byte> data, ZmqSendFlags flags, CancellationToken cancellationToken)
    {
        while (true)
        {
            await ParkAsync(receiving: false, cancellationToken).ConfigureAwait(false);
            lock (_asyncGate)
            {
                if (TrySend(data.Span, flags | ZmqSendFlags.DontWait))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Receives one frame of any size into <paramref name="writer"/>; -1 when none is queued.</summary>
    private int TryReceiveInto(IBufferWriter<byte> writer)
    {
        var message = new ZmqMessage();
        try
        {
            if (!TryReceiveMessage(ref message, ZmqReceiveFlags.DontWait))
            {
                return -1;
            }
            writer.Write(message.Data);
            return message.Size;
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>
    /// Completes at once if the socket is ready for the direction, else parks until its ZMQ_FD fires.
    /// The caller then retries its operation.
    /// </summary>
    private ValueTask ParkAsync(bool receiving, CancellationToken cancellationToken)
    {
        AsyncWaiter waiter;
        lock (_asyncGate)
        {
            ThrowIfDisposed();
            ZmqPollEvents events = Events;
            // Reading ZMQ_EVENTS drained the descriptor: wake a waiter of the other direction whose
            // condition now holds, or it would miss this edge.
            AsyncWaiter? other = receiving ? _sendWaiter : _receiveWaiter;
            if (other is not null && (events & (receiving ? ZmqPollEvents.Out : ZmqPollEvents.In)) != 0 && other.TrySignal())
            {
                ZmqReactor.Instance.Remove(other);
            }
            if ((events & (receiving ? ZmqPollEvents.In : ZmqPollEvents.Out)) != 0)
            {
                return ValueTask.CompletedTask;
            }
            waiter = receiving
                ? _receiveWaiter ??= new AsyncWaiter(FileDescriptor)
                : _sendWaiter ??= new AsyncWaiter(FileDescriptor);
        }
        ValueTask parked = waiter.Arm(cancellationToken);
        if (!parked.IsCompleted)
        {
            ZmqReactor.Instance.Add(waiter);
        }
        return parked;
    }

    /// <summary>Fails parked operations when the socket is disposed, before its descriptor closes.</summary>
    private void FailParkedOperations()
    {
        lock (_asyncGate)
        {
            foreach (AsyncWaiter? waiter in (AsyncWaiter?[])[_receiveWaiter, _sendWaiter])
            {
                if (waiter is not null && waiter.TryFail(new ObjectDisposedException(GetType().FullName, "The socket was disposed while an asynchronous operation waited.")))
                {
                    ZmqReactor.Instance.Remove(waiter);
                }
            }
        }
    }
}
