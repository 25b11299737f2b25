using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Zmq;

// Any number of pending asynchronous operations per direction on a classic socket, in FIFO order.
//
// The model is dotnet/runtime's SocketAsyncContext: each direction of a socket has a queue of
// operations, and only the one at its head talks to the socket. Here the head owns the direction's
// single AsyncWaiter (SocketReadiness.Send or .Receive), so everything SocketAsyncContext.cs and
// ReadinessEdges.cs argue about one parked waiter per direction still holds word for word: the
// queue decides only *who* is the one operation of a direction, never how it waits for readiness.
//
// States, two bits of the socket's gate word (SocketAsyncContext.cs), changed by compare-and-swap:
//   Free         neither bit: no operation of this direction is running;
//   Turn         one is (the head), nobody queued: its end clears the bit with one compare-and-swap;
//   Turn+Queued  the head runs and at least one operation waits in _waiting (or did: Queued is
//                cleared only under the lock, when the queue is seen empty).
// The bits live in the gate word so that an operation that can complete at once takes its turn and
// the gate in one compare-and-swap and gives both back in one (SocketAsyncContext.Operations.cs, the fast path),
// as a synchronous call does. Otherwise it enters here: Free→Turn is one compare-and-swap; failing
// that it takes the lock, where a Free direction is taken, else it queues a pooled TurnWaiter and
// sets Queued. The head's end, seeing Queued, takes the lock and hands the direction to the oldest
// waiter: Turn stays set, so a newcomer's fast path cannot overtake the queue (FIFO), and the
// direction is never Free while someone waits. Queued changes only under the lock.
//
// Exactly once. A TurnWaiter leaves the queue under the lock, by one of: the hand-off (completed
// with the turn), its cancellation callback (OperationCanceledException), or Close at disposal
// (ObjectDisposedException); whichever takes it out of the list completes it, so it completes once.
// A waiter that was handed the turn owns the direction and must end it (Exit), also when it then
// fails. After Close, entering fails at once: nothing queues on a disposed socket unanswered.
//
// Why the head holds a multipart message whole: a SendMultipartAsync is one attempt of all its
// frames under the gate (libzmq checks the high-water mark at the first frame only, so a DONTWAIT
// multipart send is all or nothing), and only the head attempts. Frames sent one by one with
// SendMore from different callers do interleave: that is the caller's message to keep whole.
internal sealed class OperationQueue
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TurnWaiter> _waiting = new();
    private readonly Stack<TurnWaiter> _pool = new();
    private readonly SocketAsyncContext _context;
    private readonly int _turn;
    private readonly int _queued;
    private bool _closed;

    /// <param name="context">The socket's async context, whose gate word holds the bits.</param>
    /// <param name="turn">The gate bit saying an operation of this direction runs (the head).</param>
    /// <param name="queued">The gate bit saying operations wait behind the head.</param>
    public OperationQueue(SocketAsyncContext context, int turn, int queued)
    {
        _context = context;
        _turn = turn;
        _queued = queued;
    }

    /// <summary>How many operations wait behind the head (tests and diagnostics).</summary>
    public int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Takes the direction if nobody runs or waits.</summary>
    public bool TryEnter()
    {
        while (true)
        {
            int state = _context.GateWord;
            if ((state & _turn) != 0)
            {
                return false;
            }
            if (_context.TryChangeGateWord(state, state | _turn))
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Takes the direction, now or after the operations queued before this one ended; completes with
    /// <see cref="OperationCanceledException"/> if cancelled while queued, with
    /// <see cref="ObjectDisposedException"/> if the socket was disposed. Once it completes
    /// successfully the caller owns the direction and must <see cref="Exit"/>.
    /// </summary>
    public ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return ValueTask.FromException(_context.Socket.DisposedWhileWaiting());
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(cancellationToken);
            }
            // Turn also changes outside the lock (TryEnter, the fast path, the head's fast Exit):
            // every change here is a compare-and-swap of the whole word; Queued changes only here.
            while (true)
            {
                int state = _context.GateWord;
                if ((state & _turn) == 0)
                {
                    Debug.Assert((state & _queued) == 0, "nobody queues behind a direction nobody holds");
                    if (_context.TryChangeGateWord(state, state | _turn))
                    {
                        return default;
                    }
                }
                else if ((state & _queued) != 0 || _context.TryChangeGateWord(state, state | _queued))
                {
                    break;
                }
            }
            TurnWaiter waiter = _pool.TryPop(out TurnWaiter? pooled) ? pooled : new TurnWaiter(this);
            waiter.Prepare();
            _waiting.AddLast(waiter.Node);
            Debug.Assert((_context.GateWord & (_turn | _queued)) == (_turn | _queued), "a queued operation waits behind a head, with the state saying so");
            // Under the lock, so no hand-off completes the waiter before its registration is stored
            // (its GetResult disposes it). A token cancelled meanwhile runs the callback here, which
            // re-enters the lock (Lock is reentrant) and takes the waiter out again.
            waiter.Watch(cancellationToken);
            return new ValueTask(waiter, waiter.Version);
        }
    }

    /// <summary>
    /// The head's exit when nobody queued: clears the turn bit in one compare-and-swap and returns
    /// true; false when Queued is set (the caller hands the turn on under the lock). Queued is set
    /// only by a compare-and-swap of the same word, so a queuer racing this makes its swap fail.
    /// Needs no queue: the fast path, which may never have made one, exits through it too.
    /// </summary>
    internal static bool TryExitUnqueued(SocketAsyncContext context, int turn, int queued)
    {
        while (true)
        {
            int state = context.GateWord;
            Debug.Assert((state & turn) != 0, "only the head exits, and a head's direction is held");
            if ((state & queued) != 0)
            {
                return false;
            }
            if (context.TryChangeGateWord(state, state & ~turn))
            {
                return true;
            }
        }
    }

    /// <summary>The head's operation ended: the oldest waiter gets the direction, or it becomes free. Never throws.</summary>
    public void Exit()
    {
        if (TryExitUnqueued(_context, _turn, _queued))
        {
            return;
        }
        lock (_lock)
        {
            LinkedListNode<TurnWaiter>? next = _waiting.First;
            if (next is null)
            {
                // The last queued one was cancelled (Cancel cleared Queued) or failed by Close
                // between the read above and this lock: nobody waits, the direction goes free.
                while (true)
                {
                    int state = _context.GateWord;
                    if (_context.TryChangeGateWord(state, state & ~(_turn | _queued)))
                    {
                        return;
                    }
                }
            }
            _waiting.RemoveFirst();
            if (_waiting.Count == 0)
            {
                ClearQueued();
            }
            next.Value.Grant(); // the direction passes on held: nobody can take it in between
        }
    }

    /// <summary>Under the lock, the queue just emptied: the head's exit is the fast one again (Turn stays).</summary>
    private void ClearQueued()
    {
        while (true)
        {
            int state = _context.GateWord;
            Debug.Assert((state & (_turn | _queued)) == (_turn | _queued), "the queue empties behind a held direction");
            if (_context.TryChangeGateWord(state, state & ~_queued))
            {
                return;
            }
        }
    }

    /// <summary>The socket is being disposed: every queued operation fails with <paramref name="error"/>; later ones fail at once.</summary>
    public void Close(Exception error)
    {
        lock (_lock)
        {
            _closed = true;
            while (_waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                first.Value.Fail(error);
            }
        }
    }

    /// <summary>A queued operation's cancellation: it leaves the queue if the hand-off or Close did not take it first.</summary>
    private void Cancel(TurnWaiter waiter, CancellationToken token)
    {
        lock (_lock)
        {
            if (waiter.Node.List is null)
            {
                return; // granted, failed or cancelled already: it completed once, by that
            }
            _waiting.Remove(waiter.Node);
            if (_waiting.Count == 0)
            {
                ClearQueued(); // the head runs, nobody behind it
            }
            waiter.Fail(new OperationCanceledException(token));
        }
    }

    private void Return(TurnWaiter waiter)
    {
        lock (_lock)
        {
            Debug.Assert(waiter.Node.List is null, "a waiter goes back to the pool only once out of the queue");
            _pool.Push(waiter);
        }
    }

    /// <summary>One queued operation's wait for the direction; pooled, so a queue that reached its depth allocates nothing more.</summary>
    private sealed class TurnWaiter : IValueTaskSource
    {
        private readonly OperationQueue _queue;
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
        private CancellationTokenRegistration _cancellation;

        public TurnWaiter(OperationQueue queue)
        {
            _queue = queue;
            Node = new LinkedListNode<TurnWaiter>(this);
        }

        /// <summary>Its place in the queue; in a list exactly while the waiter is queued (guarded by the queue's lock).</summary>
        public LinkedListNode<TurnWaiter> Node { get; }

        public short Version => _core.Version;

        public void Prepare() => _core.Reset();

        public void Watch(CancellationToken token)
        {
            if (token.CanBeCanceled)
            {
                _cancellation = token.UnsafeRegister(static (state, token) =>
                {
                    var waiter = (TurnWaiter)state!;
                    waiter._queue.Cancel(waiter, token);
                }, this);
            }
        }

        /// <summary>Under the queue's lock, just taken out of the queue.</summary>
        public void Grant()
        {
            Debug.Assert(Node.List is null, "granted once out of the queue");
            PoolCompletion.SetResult(ref _core);
        }

        /// <summary>Under the queue's lock, just taken out of the queue.</summary>
        public void Fail(Exception error)
        {
            Debug.Assert(Node.List is null, "failed once out of the queue");
            PoolCompletion.SetException(ref _core, error);
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
                // Waits for a cancellation callback still running, so none touches the next use.
                _cancellation.Dispose();
                _cancellation = default;
                _queue.Return(this);
            }
        }
    }
}
