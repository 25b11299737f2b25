using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

// The asynchronous operations' public face. Each builds its non-blocking attempt
// (ZmqSocket.AsyncAttempts.cs) and hands it to the socket's async context
// (Async/SocketAsyncContext.Operations.cs), which runs it at once under the gate or parks it until
// the socket is ready. Completions that happen synchronously allocate nothing; a parked operation
// allocates nothing either in steady state (reused waiter, pooled async state machines).
public sealed partial class ZmqSocket
{
    /// <summary>
    /// Receives one frame into <paramref name="buffer"/> asynchronously. Completes synchronously, with
    /// no allocation, when a frame is already queued; a longer frame is truncated and says so.
    /// </summary>
    /// <remarks>
    /// On Linux, on a PULL or SUB socket with no inproc endpoint, a receive that finds nothing
    /// queued first waits up to 5 ms on the calling thread for a frame (as a blocking receive would)
    /// before it gives the thread back; never on a thread with a synchronization context (a UI
    /// thread) or its own task scheduler. <c>ZMQ_ASYNC_SPIN=0</c> turns that off (docs/async.md,
    /// "Spinning and waiting before a park").
    /// </remarks>
    /// <returns>How many bytes were written and the frame's full length.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed, also while waiting.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down, also while waiting.</exception>
    public ValueTask<ZmqReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _async.RunAsync<ReceiveIntoBufferAttempt, ZmqReceiveResult>(new ReceiveIntoBufferAttempt(buffer), receiving: true, cancellationToken);

    /// <summary>
    /// Receives one frame of any size asynchronously into <paramref name="writer"/> (for example a
    /// pooled <see cref="ArrayBufferWriter{T}"/>); returns its length.
    /// </summary>
    /// <remarks>The frame is received without a copy and written after the socket is released, so the
    /// writer may call into this socket (but not wait for another receive on it: the next receive
    /// runs after this writer returns). On a classic socket the writes of pending receives keep the
    /// order in which the receives were started; a thread-safe (draft) socket orders nothing. If the
    /// writer throws, the frame is released and the exception is this call's, in the returned task
    /// (also when the frame was already there).</remarks>
    /// <returns>The frame's length, all of it written to <paramref name="writer"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public ValueTask<int> ReceiveMessageAsync(IBufferWriter<byte> writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ValueTask<HeldFrame> run = _async.RunAsync<ReceiveIntoWriterAttempt, HeldFrame>(new ReceiveIntoWriterAttempt(writer), receiving: true, cancellationToken);
        return run.IsCompletedSuccessfully ? new ValueTask<int>(run.Result.Length) : AwaitFrameLengthAsync(run);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<int> AwaitFrameLengthAsync(ValueTask<HeldFrame> run) => (await run.ConfigureAwait(false)).Length;

    /// <summary>Receives one UTF-8 frame asynchronously.</summary>
    /// <returns>The frame decoded as UTF-8.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public ValueTask<string> ReceiveStringAsync(CancellationToken cancellationToken = default) =>
        _async.RunAsync<ReceiveStringAttempt, string>(default, receiving: true, cancellationToken);

    /// <summary>Receives every frame of one multipart message asynchronously.</summary>
    /// <returns>The message's frames, in order.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public ValueTask<List<byte[]>> ReceiveMultipartAsync(CancellationToken cancellationToken = default) =>
        _async.RunAsync<ReceiveMultipartAttempt<byte[], FrameBytes>, List<byte[]>>(new([]), receiving: true, cancellationToken);

    /// <summary>The frames as they arrive, until cancelled (then the enumeration ends), the socket
    /// is disposed or its context shut down (then it throws).</summary>
    /// <returns>The frames, as they arrive.</returns>
    public async IAsyncEnumerable<byte[]> ReceiveAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            byte[] frame;
            try
            {
                frame = await _async.RunAsync<ReceiveFrameAttempt, byte[]>(default, receiving: true, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            yield return frame;
        }
    }

    /// <summary>The UTF-8 frames as they arrive; see <see cref="ReceiveAllAsync"/>.</summary>
    /// <returns>The frames decoded as UTF-8, as they arrive.</returns>
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
    /// queued at once; otherwise (high-water mark reached, no peer yet) parks without a thread,
    /// after the short wait on the calling thread that the remarks describe.
    /// </summary>
    /// <remarks>
    /// On Linux, a send refused at the high-water mark first waits on the calling thread for room
    /// (5 ms at first, up to 40 ms for a socket whose room comes late), as a blocking send would,
    /// before it gives the thread back; never on a thread with a synchronization context (a UI
    /// thread) or its own task scheduler. <c>ZMQ_ASYNC_SPIN=0</c> turns that off (docs/async.md,
    /// "Spinning and waiting before a park").
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed, also while waiting.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down, also while waiting.</exception>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, ZmqSendFlags flags = ZmqSendFlags.None, CancellationToken cancellationToken = default) =>
        _async.RunAsync(new SendBufferAttempt(data, flags), cancellationToken);

    /// <summary>Sends one UTF-8 frame asynchronously.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public ValueTask SendStringAsync(string text, ZmqSendFlags flags = ZmqSendFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _async.RunAsync(new SendStringAttempt(text, flags), cancellationToken);
    }

    /// <summary>Sends a multipart message asynchronously and atomically (all frames checked first).</summary>
    /// <exception cref="ArgumentException">No frames, or a null frame.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public ValueTask SendMultipartAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        byte[][] copy = [.. frames];
        ValidateFrames<byte[]>(copy);
        return _async.RunAsync(new SendMultipartAttempt(copy), cancellationToken);
    }

    /// <summary>
    /// Sends a multipart message of UTF-8 strings asynchronously and atomically, such as the list
    /// <see cref="ReceiveMultipartStringsAsync"/> returned.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    /// <exception cref="ArgumentException">No frames, or a null frame.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public ValueTask SendMultipartStringsAsync(IReadOnlyList<string> frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ValidateFrames<string>([.. frames]);
        return SendMultipartAsync(frames.Select(System.Text.Encoding.UTF8.GetBytes).ToArray(), cancellationToken);
    }

    /// <summary>Receives every frame of one multipart message asynchronously, decoded as UTF-8.</summary>
    /// <returns>The frames, in order.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    public ValueTask<List<string>> ReceiveMultipartStringsAsync(CancellationToken cancellationToken = default) =>
        _async.RunAsync<ReceiveMultipartAttempt<string, FrameUtf8>, List<string>>(new([]), receiving: true, cancellationToken);

    /// <summary>The exception a waiter gets when its socket is disposed under it.</summary>
    internal ObjectDisposedException DisposedWhileWaiting() =>
        new(GetType().FullName, "The socket was disposed while an asynchronous operation waited.");
}
