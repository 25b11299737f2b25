using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Zmq;

// Any number of pending asynchronous operations per direction on a classic socket, in FIFO order.
//
// The model is dotnet/runtime's SocketAsyncContext: each direction of a socket has a queue of
// operations, and only the one at its head talks to the socket. Here the head owns the direction's
// single AsyncWaiter (SocketReadiness.Send or .Receive), so everything ZmqSocket.Gate.cs and
// ReadinessEdges.cs argue about one parked waiter per direction still holds word for word: the
// queue decides only *who* is the one operation of a direction, never how it waits for readiness.
//
// States, in one int changed by compare-and-swap (fast path) or under the lock (everything else):
//   Free (0)     no operation of this direction is running;
//   Busy (1)     one is (the head), nobody queued: its end is one compare-and-swap back to Free;
//   Queued (2)   the head runs and at least one operation waits in _waiting (or did: the state
//                falls back to Busy only under the lock, when the queue is seen empty).
// An operation enters with one compare-and-swap Free→Busy: uncontended, that is all it costs, and
// nothing is allocated. Otherwise it takes the lock; a Free direction is taken there, else it
// queues a pooled TurnWaiter and the state becomes Queued. The head's end, seeing Queued, takes the
// lock and hands the direction to the oldest waiter: the state stays held, so a newcomer's fast
// path cannot overtake the queue (FIFO), and the direction is never Free while someone waits.
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
    private const int Free = 0, Busy = 1, Queued = 2;

    private readonly Lock _lock = new();
    private readonly LinkedList<TurnWaiter> _waiting = new();
    private readonly Stack<TurnWaiter> _pool = new();
    private readonly ZmqSocket _socket;
    private int _state;
    private bool _closed;

    public OperationQueue(ZmqSocket socket) => _socket = socket;

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

    /// <summary>Takes the direction if nobody runs or waits: one compare-and-swap.</summary>
    public bool TryEnter() => Interlocked.CompareExchange(ref _state, Busy, Free) == Free;

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
                return ValueTask.FromException(_socket.DisposedWhileWaiting());
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(cancellationToken);
            }
            // Free and Busy also change outside the lock (TryEnter, the head's fast Exit): those
            // two transitions are compare-and-swaps here too; Queued changes only under the lock.
            while (true)
            {
                int state = Volatile.Read(ref _state);
                if (state == Free)
                {
                    if (Interlocked.CompareExchange(ref _state, Busy, Free) == Free)
                    {
                        return default;
                    }
                }
                else if (state == Queued || Interlocked.CompareExchange(ref _state, Queued, Busy) == Busy)
                {
                    break;
                }
            }
            TurnWaiter waiter = _pool.TryPop(out TurnWaiter? pooled) ? pooled : new TurnWaiter(this);
            waiter.Prepare();
            _waiting.AddLast(waiter.Node);
            Debug.Assert(Volatile.Read(ref _state) == Queued, "a queued operation waits behind a head, with the state saying so");
            // Under the lock, so no hand-off completes the waiter before its registration is stored
            // (its GetResult disposes it). A token cancelled meanwhile runs the callback here, which
            // re-enters the lock (Lock is reentrant) and takes the waiter out again.
            waiter.Watch(cancellationToken);
            return new ValueTask(waiter, waiter.Version);
        }
    }

    /// <summary>The head's operation ended: the oldest waiter gets the direction, or it becomes free. Never throws.</summary>
    public void Exit()
    {
        if (Interlocked.CompareExchange(ref _state, Free, Busy) == Busy)
        {
            return;
        }
        lock (_lock)
        {
            // Busy too: the last queued waiter may have been cancelled between the failed exchange
            // above and this lock (Cancel sets Busy); then nobody waits and the direction goes free.
            Debug.Assert(Volatile.Read(ref _state) is Queued or Busy, "only the head exits, and a head's direction is held");
            LinkedListNode<TurnWaiter>? next = _waiting.First;
            if (next is null)
            {
                Volatile.Write(ref _state, Free); // the last queued one was cancelled or failed
                return;
            }
            _waiting.RemoveFirst();
            Volatile.Write(ref _state, _waiting.Count > 0 ? Queued : Busy);
            next.Value.Grant(); // the direction passes on held: nobody can take it in between
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
                Debug.Assert(Volatile.Read(ref _state) == Queued, "a queued waiter's direction is held, Queued");
                Volatile.Write(ref _state, Busy); // the head runs, nobody behind it: its exit is the fast one again
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
            _core.SetResult(true);
        }

        /// <summary>Under the queue's lock, just taken out of the queue.</summary>
        public void Fail(Exception error)
        {
            Debug.Assert(Node.List is null, "failed once out of the queue");
            _core.SetException(error);
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
