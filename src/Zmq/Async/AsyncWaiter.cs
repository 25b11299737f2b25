using System.Threading.Tasks.Sources;

namespace Zmq;

/// <summary>
/// One direction's pending asynchronous operation on one socket, reused for every operation of
/// that direction, so parking allocates nothing.
/// </summary>
/// <remarks>
/// <para>States: <c>Free</c> (no operation pending) → <c>Running</c> (an operation owns it and is
/// trying its non-blocking call) ⇄ <c>Parked</c> (it waits for readiness). Only the owner moves
/// Free→Running→Parked and back to Free; the way out of Parked is one compare-and-swap, so of a
/// readiness signal, a cancellation, a disposal and a shutdown racing each other exactly one
/// completes the wait, and it completes once.</para>
/// <para>Parking counts the waiter in the socket's gate before it becomes completable, and
/// completion counts it out after it stopped being so: the count is never below the number of
/// parked waiters, which is what makes every gate holder read ZMQ_EVENTS for them. Cancellation and
/// disposal are checked again after the waiter is parked, so a cancel or dispose that landed just
/// before cannot be missed.</para>
/// </remarks>
internal sealed class AsyncWaiter : IValueTaskSource
{
    private const int Free = 0, Running = 1, Parked = 2;
    private static int s_parked;

    private readonly ZmqSocket _socket;
    private readonly string _direction;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Whether a <see cref="WaiterQueue"/> holds this waiter (guarded by the queue's lock).</summary>
    internal bool Queued;

    public AsyncWaiter(ZmqSocket socket, string direction)
    {
        _socket = socket;
        _direction = direction;
    }

    /// <summary>How many waiters are parked in the whole process (tests and diagnostics).</summary>
    public static int ParkedInProcess => Volatile.Read(ref s_parked);

    /// <summary>Makes the caller's operation the pending one of this direction.</summary>
    /// <exception cref="InvalidOperationException">Another operation of this direction is pending.</exception>
    public void Claim()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Free) != Free)
        {
            throw new InvalidOperationException(
                $"Another asynchronous {_direction} is already pending on {_socket}: await it before starting the next one (one pending receive and one pending send per socket; only the draft API's thread-safe sockets take more).");
        }
    }

    /// <summary>The owner's operation ended (done or failed).</summary>
    public void Release() => Volatile.Write(ref _state, Free);

    /// <summary>
    /// Parks the owner's operation until readiness, cancellation or disposal. The caller must then
    /// make sure ZMQ_EVENTS is read (release the gate, or ask its holder to).
    /// </summary>
    public ValueTask Park(CancellationToken cancellationToken)
    {
        // First what can fail (a reactor registration), so a failure leaves nothing half set up.
        _socket.Readiness.EnsureRegistered();
        _core.Reset();
        if (cancellationToken.CanBeCanceled)
        {
            // While not yet parked the callback does nothing; the check below covers that window.
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((AsyncWaiter)state!).TryCancel(token), this);
        }
        _socket.AddParked(1);
        Interlocked.Increment(ref s_parked);
        Interlocked.Exchange(ref _state, Parked);
        if (cancellationToken.IsCancellationRequested)
        {
            TryCancel(cancellationToken);
        }
        else if (_socket.IsDisposed)
        {
            TryFail(_socket.DisposedWhileWaiting());
        }
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Readiness: the owner retries its call. False if the wait already ended.</summary>
    public bool TryComplete()
    {
        if (!TryLeaveParked())
        {
            return false;
        }
        _core.SetResult(true);
        return true;
    }

    /// <summary>Ends the wait with <paramref name="error"/>. False if it already ended.</summary>
    public bool TryFail(Exception error)
    {
        if (!TryLeaveParked())
        {
            return false;
        }
        _core.SetException(error);
        return true;
    }

    private void TryCancel(CancellationToken token)
    {
        if (TryLeaveParked())
        {
            _core.SetException(new OperationCanceledException(token));
        }
    }

    private bool TryLeaveParked()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Parked) != Parked)
        {
            return false;
        }
        Interlocked.Decrement(ref s_parked);
        _socket.AddParked(-1);
        return true;
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            // Waits for a cancellation callback still running, so none can touch a later park.
            _cancellation.Dispose();
            _cancellation = default;
        }
    }
}
