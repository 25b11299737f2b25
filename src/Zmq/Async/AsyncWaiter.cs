using System.Diagnostics;
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
/// <para>A waiter parked after a refusal under "ready" is deaf until the socket's edge count moves
/// past its mark (ReadinessEdges.cs says why): <see cref="TryCompleteReady"/> leaves it parked. The
/// state word carries a park generation above the state bits, so that decision and the completion
/// are one compare-and-swap on the park whose mark was read.</para>
/// </remarks>
internal sealed class AsyncWaiter : IValueTaskSource
{
    private const int Free = 0, Running = 1, Parked = 2, StateMask = 3, GenerationUnit = 4;
    private static int s_parked;

    private readonly SocketAsyncContext _context;
    private readonly string _direction;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state; // state in the low bits, park generation above (GenerationUnit)
    private CancellationTokenRegistration _cancellation;
    private bool _deaf; // this park followed a refusal under "ready" (set before the park is visible)
    private int _deafMark; // the edge count read before that refusal's attempt

    /// <summary>Whether a <see cref="WaiterQueue"/> holds this waiter (guarded by the queue's lock).</summary>
    internal bool Queued;

    public AsyncWaiter(SocketAsyncContext context, string direction)
    {
        _context = context;
        _direction = direction;
    }

    /// <summary>How many waiters are parked in the whole process (tests and diagnostics).</summary>
    public static int ParkedInProcess => Volatile.Read(ref s_parked);

    /// <summary>Makes the caller's operation the pending one of this direction.</summary>
    /// <exception cref="InvalidOperationException">Another operation of this direction is pending.</exception>
    public void Claim()
    {
        int state = Volatile.Read(ref _state);
        if ((state & StateMask) != Free || Interlocked.CompareExchange(ref _state, state | Running, state) != state)
        {
            throw new InvalidOperationException(
                $"Another asynchronous {_direction} holds {_context.Socket}'s turn: the operation queue hands the turn to one operation per direction at a time (OperationQueue.cs); this is a bug in the binding.");
        }
    }

    /// <summary>The owner's operation ended (done or failed).</summary>
    public void Release()
    {
        int state = Volatile.Read(ref _state);
        Debug.Assert((state & StateMask) == Running, "only the owner releases, and only a waiter no longer parked");
        Volatile.Write(ref _state, state & ~StateMask);
    }

    /// <summary>
    /// Parks the owner's operation until readiness, cancellation or disposal. The caller must then
    /// make sure ZMQ_EVENTS is read (release the gate, or ask its holder to).
    /// </summary>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <param name="refusedUnderReady">The operation was refused after ZMQ_EVENTS said its direction was ready: deaf until the edge count passes <paramref name="edgeMark"/>.</param>
    /// <param name="edgeMark">The socket's edge count read before the refused attempt.</param>
    public ValueTask Park(CancellationToken cancellationToken, bool refusedUnderReady = false, int edgeMark = 0)
    {
        // First what can fail (a reactor registration, the back-off timer), so a failure leaves
        // nothing half set up. A timer that expires before the park is visible moves the count
        // past the mark, and the park's own readiness check then completes the waiter: no loss.
        SocketReadiness readiness = _context.Readiness;
        readiness.EnsureRegistered();
        if (refusedUnderReady)
        {
            ZmqReactor.Instance.ScheduleRecheck(readiness);
        }
        int state = Volatile.Read(ref _state);
        Debug.Assert((state & StateMask) == Running, "only the owner parks, from Running");
        _deaf = refusedUnderReady;
        _deafMark = edgeMark;
        _core.Reset();
        // Completions go to the thread pool unless a deferred signal runs this park's continuation inline (SignalDeferred).
        _core.RunContinuationsAsynchronously = true;
        if (cancellationToken.CanBeCanceled)
        {
            // While not yet parked the callback does nothing; the check below covers that window.
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((AsyncWaiter)state!).TryCancel(token), this);
        }
        _context.AddParked(1);
        Interlocked.Increment(ref s_parked);
        // A new generation: a readiness check that read the previous park's mark cannot complete this one.
        Interlocked.Exchange(ref _state, (state & ~StateMask) + GenerationUnit + Parked);
        if (cancellationToken.IsCancellationRequested)
        {
            TryCancel(cancellationToken);
        }
        else if (_context.Socket.IsDisposed)
        {
            TryFail(_context.Socket.DisposedWhileWaiting());
        }
        return new ValueTask(this, _core.Version);
    }

    /// <summary>What a readiness check did to a waiter.</summary>
    public enum Wake
    {
        /// <summary>It was not parked (nothing to do).</summary>
        NotParked,

        /// <summary>It is parked deaf and no edge came since its refusal: it stays parked.</summary>
        Deaf,

        /// <summary>It was completed: its owner retries.</summary>
        Completed,
    }

    /// <summary>
    /// A readiness check found this waiter's direction ready: completes it (the owner retries its
    /// call) unless it was refused under "ready" and the socket's edge count,
    /// <paramref name="edgeCount"/> (read before that check's ZMQ_EVENTS), has not moved since.
    /// </summary>
    public Wake TryCompleteReady(int edgeCount)
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & StateMask) != Parked)
            {
                return Wake.NotParked;
            }
            // Read after the state: the fields belong to this park or a later one, and a later one
            // changed the generation, so the exchange below fails and the decision is made again.
            // Deaf unless the count is newer than the mark: a check whose count was read before
            // the mark (it started before this park's attempt) says nothing about this refusal.
            if (Volatile.Read(ref _deaf) && unchecked(edgeCount - _deafMark) <= 0)
            {
                if (Volatile.Read(ref _state) == state)
                {
                    return Wake.Deaf;
                }
                continue;
            }
            if (Interlocked.CompareExchange(ref _state, (state & ~StateMask) | Running, state) == state)
            {
                LeftParked();
                // On the reactor thread in the inline mode the signal waits until its gates are released.
                if (!InlineCompletions.TryDefer(this))
                {
                    PoolCompletion.SetResult(ref _core);
                }
                return Wake.Completed;
            }
        }
    }

    /// <summary>
    /// Signals a completion <see cref="InlineCompletions.TryDefer"/> recorded: with
    /// <paramref name="inline"/>, the owner's continuation runs on this thread (holding nothing)
    /// unless it captured a context; otherwise it goes to the thread pool as usual.
    /// </summary>
    internal void SignalDeferred(bool inline)
    {
        Debug.Assert((Volatile.Read(ref _state) & StateMask) == Running, "a deferred completion left Parked when it was recorded, and only its signal lets the owner go on");
        _core.RunContinuationsAsynchronously = !inline;
        if (inline)
        {
            _core.SetResult(true);
        }
        else
        {
            PoolCompletion.SetResult(ref _core);
        }
    }

    /// <summary>Parked deaf now (a refusal under "ready" waits for an edge): the gate's release looks for a signal it might consume.</summary>
    internal bool IsParkedDeaf => (Volatile.Read(ref _state) & StateMask) == Parked && Volatile.Read(ref _deaf);

    /// <summary>For the owner's assertions: its last park was deaf with <paramref name="edgeMark"/>.</summary>
    internal bool WasDeafAt(int edgeMark) => _deaf && _deafMark == edgeMark;

    /// <summary>Ends the wait with <paramref name="error"/>. False if it already ended.</summary>
    public bool TryFail(Exception error)
    {
        if (!TryLeaveParked())
        {
            return false;
        }
        PoolCompletion.SetException(ref _core, error);
        return true;
    }

    private void TryCancel(CancellationToken token)
    {
        if (TryLeaveParked())
        {
            PoolCompletion.SetException(ref _core, new OperationCanceledException(token));
        }
    }

    private bool TryLeaveParked()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & StateMask) != Parked)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _state, (state & ~StateMask) | Running, state) == state)
            {
                LeftParked();
                return true;
            }
        }
    }

    private void LeftParked()
    {
        Interlocked.Decrement(ref s_parked);
        _context.AddParked(-1);
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
