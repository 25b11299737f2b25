using System.Threading.Tasks.Sources;

namespace Zmq;

/// <summary>
/// A reusable awaitable for "the socket's ZMQ_FD became readable": one per socket and direction,
/// so parking an async send or receive allocates nothing. The reactor completes it; cancellation
/// and disposal fail it. Exactly one completion wins.
/// </summary>
internal sealed class AsyncWaiter : IValueTaskSource
{
    private const int Idle = 0, Waiting = 1, Completed = 2;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;
    private CancellationTokenRegistration _cancellation;

    public AsyncWaiter(nint fileDescriptor) => FileDescriptor = fileDescriptor;

    /// <summary>The socket's ZMQ_FD, polled for readability by the reactor.</summary>
    public nint FileDescriptor { get; }

    /// <summary>Arms the waiter for one wait; throws if a wait is already pending.</summary>
    public ValueTask Arm(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            throw new InvalidOperationException("Another asynchronous operation of the same direction is already pending on this socket; await it first.");
        }
        _core.Reset();
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var waiter = (AsyncWaiter)state!;
                if (waiter.TryFail(new OperationCanceledException(token)))
                {
                    ZmqReactor.Instance.Remove(waiter);
                }
            }, this);
        }
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Completes the wait (the descriptor fired); false if it already ended.</summary>
    public bool TrySignal()
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Waiting) != Waiting)
        {
            return false;
        }
        _core.SetResult(true);
        return true;
    }

    /// <summary>Fails the wait (cancelled, socket disposed); false if it already ended.</summary>
    public bool TryFail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Waiting) != Waiting)
        {
            return false;
        }
        _core.SetException(error);
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
            _cancellation.Dispose();
            _cancellation = default;
            Volatile.Write(ref _state, Idle);
        }
    }
}
