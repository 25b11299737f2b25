using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

// async/await on thread-safe sockets (the draft CLIENT, SERVER, RADIO, DISH, SCATTER, GATHER, PEER,
// CHANNEL), without a gate: any number of operations of each direction may be pending at once, and
// synchronous calls from other threads run alongside them.
//
// Why no wake-up is lost. The reactor watches the descriptor of a private draft poller, which libzmq
// signals when a command reaches the socket's mailbox while nobody was reading it (the ZMQ_FD edge).
// A command that arrives while some call is reading the mailbox raises no signal: that call consumes
// it, and may change readiness with it (a pipe becomes readable) where no waiter hears. So: (1) every
// call on the socket, when it returns with operations parked, reads ZMQ_EVENTS and wakes a waiter of
// each ready direction (ExitShared); (2) an operation that would block parks, is counted, then reads
// ZMQ_EVENTS itself; (3) when the descriptor fires, the reactor drains it and reads ZMQ_EVENTS. libzmq
// runs the socket's calls one at a time under its mutex, so for any readiness change there is a last
// call that processed commands: if it came after a waiter was counted, that call's exit (1) sees the
// count and reads ZMQ_EVENTS after the change; if before, the waiter's own read (2) comes after it;
// and a change whose command raised the signal is read by (3). The reactor does not make that read
// itself: ZMQ_EVENTS on a thread-safe socket takes libzmq's per-socket mutex, which any call in
// flight holds (a Bind resolving a host name, for seconds), and the reactor serves every socket of
// the process. It drains the descriptor (a plain read, no libzmq lock) and queues the check to the
// thread pool, at most one per socket at a time; the queued check clears its flag before it reads,
// so an edge heard after that queues another, and one heard before is covered by the read. The
// last operation the check wakes runs its continuation on that pool thread once it holds nothing,
// any other goes to the pool (Async/InlineCompletions.cs), so the trip back costs the hand-offs it
// cost before. In the inline mode, a classic socket's continuation running on the reactor may still
// call a thread-safe socket (its call then takes that socket's mutex there): docs/async.md says so. A woken operation retries; if it finds
// nothing (another thread took the message) it parks again through (2), and its retry's exit (1)
// passes readiness on to the next waiter, so one message wakes one waiter, not all of them. An
// operation refused again after ZMQ_EVENTS said ready (SERVER and PEER always say POLLOUT) is
// skipped by these wakes until the next edge (Async/ReadinessEdges.cs says why none is lost).
internal sealed partial class SocketAsyncContext
{
    private ValueTask<TResult> RunSharedAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        // Errors found at once go into the returned task, as after a wait (SocketAsyncContext.Operations.cs).
        try
        {
            if (TryRunShared(attempt, receiving, out TResult result, out bool refusedUnderReady, out int mark))
            {
                FinishOutsideGate(attempt, ref result); // no turns here: thread-safe sockets order nothing
                return new ValueTask<TResult>(result);
            }
            SocketReadiness readiness = Readiness;
            return ParkSharedAsync<TAttempt, TResult>(attempt, receiving, receiving ? readiness.SharedReceive! : readiness.SharedSend!,
                refusedUnderReady, mark, cancellationToken);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<TResult>(e);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> ParkSharedAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, WaiterQueue queue,
        bool refusedUnderReady, int mark, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        AsyncWaiter waiter = queue.Rent();
        ReadinessEdges edges = _readiness!.Edges;
        try
        {
            while (true)
            {
                ValueTask parked = waiter.Park(cancellationToken, refusedUnderReady, mark);
                queue.Enqueue(waiter);
                if (_socket.IsDisposed)
                {
                    // Dispose may have failed the queue before this waiter joined it.
                    waiter.TryFail(_socket.DisposedWhileWaiting());
                }
                else
                {
                    CheckSharedReadiness();
                }
                // This check may have completed the waiter, but never on the readiness it was
                // refused under (ReadinessEdges.cs); a check by another thread may have, had the
                // count moved. Either way not without an edge, a timer, a cancel or a disposal.
                Debug.Assert(!parked.IsCompletedSuccessfully || !refusedUnderReady || edges.Count != mark,
                    "a waiter refused under ready was completed by a readiness check without a new edge");
                await parked.ConfigureAwait(false);
                if (TryRunShared(attempt, receiving, out TResult result, out refusedUnderReady, out mark))
                {
                    edges.ResetBackoff(); // first: a writer that throws must not keep the back-off long
                    FinishOutsideGate(attempt, ref result);
                    return result;
                }
            }
        }
        finally
        {
            queue.Return(waiter);
        }
    }

    /// <summary>
    /// One attempt; when refused, reads ZMQ_EVENTS (which processes the commands a throttled call
    /// may have left) and, if it says the direction is ready, tries once more. Refused again, the
    /// operation was refused under ready: it must wait for the next edge, marked with the edge
    /// count read before the first attempt (ReadinessEdges.cs).
    /// </summary>
    private bool TryRunShared<TAttempt, TResult>(TAttempt attempt, bool receiving, out TResult result, out bool refusedUnderReady, out int mark)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        // No readiness yet means no edge was ever counted: its count will start at 0.
        mark = Volatile.Read(ref _readiness)?.Edges.Count ?? 0;
        refusedUnderReady = false;
        EnterShared();
        try
        {
            if (attempt.TryRun(_socket, out result))
            {
                return true;
            }
            if ((ReadEventsForEngine() & (receiving ? LibZmq.ZMQ_POLLIN : LibZmq.ZMQ_POLLOUT)) == 0)
            {
                return false;
            }
            if (attempt.TryRun(_socket, out result))
            {
                return true;
            }
            refusedUnderReady = true;
            return false;
        }
        finally
        {
            ExitShared();
        }
    }

    /// <summary>Ends a call on a thread-safe socket: passes readiness on to parked operations (rule 1), then lets the socket close.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ExitShared()
    {
        if (Volatile.Read(ref _gate) >= GateParkedUnit)
        {
            CheckSharedReadiness();
        }
        _handle.DangerousRelease();
    }

    /// <summary>Keeps a thread-safe socket open for a readiness check (release with DangerousRelease); false once it is closed.</summary>
    private bool TryHoldOpen()
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        return added;
    }

    /// <summary>
    /// The reactor heard a thread-safe socket's descriptor (or a back-off re-check expired): empties
    /// the descriptor here and queues the ZMQ_EVENTS read to the thread pool (see the file's argument).
    /// Never blocks, never throws.
    /// </summary>
    private void QueueSharedReadinessCheck()
    {
        if (Volatile.Read(ref _readiness) is not { } readiness || !TryHoldOpen())
        {
            return; // none yet, or closed: Dispose failed the waiters
        }
        try
        {
            ThreadSafeSignal.Drain(readiness.Descriptor);
        }
        finally
        {
            _handle.DangerousRelease();
        }
        // Nothing parked: no check needed (the edge is counted already; a later park checks itself, rule 2).
        if (Volatile.Read(ref _gate) < GateParkedUnit)
        {
            return;
        }
        if (Interlocked.Exchange(ref readiness.SharedCheckQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(readiness, preferLocal: false);
        }
    }

    /// <summary>On a pool thread: the check the reactor queued, its wakes' continuations run here afterwards.</summary>
    internal void RunQueuedSharedCheck(SocketReadiness readiness)
    {
        // Cleared before the read, with a full fence (the reactor counts an edge, then sets the
        // flag; this clears the flag, then reads the count: a plain store could pass the load and
        // both sides miss the edge): an edge heard from here on queues another check.
        Interlocked.Exchange(ref readiness.SharedCheckQueued, 0);
        InlineCompletions.BeginDeferring();
        try
        {
            CheckSharedReadiness();
        }
        finally
        {
            InlineCompletions.EndDeferring();
        }
    }

    /// <summary>How many thread-safe readiness checks ran on the reactor thread: the engine's own never do (tests); only user code run there in the inline mode could.</summary>
    internal static int SharedChecksOnReactor => Volatile.Read(ref s_sharedChecksOnReactor);

    private static int s_sharedChecksOnReactor;

    /// <summary>
    /// Reads ZMQ_EVENTS of a thread-safe socket and wakes one parked operation of each ready
    /// direction. Not on the reactor thread (libzmq's socket mutex could block it). Never throws;
    /// does nothing once the socket is closed (Dispose failed the waiters).
    /// </summary>
    private void CheckSharedReadiness()
    {
        if (ZmqReactor.OnReactorThread)
        {
            Interlocked.Increment(ref s_sharedChecksOnReactor);
        }
        if (Volatile.Read(ref _readiness) is not { } readiness || !TryHoldOpen())
        {
            return;
        }
        try
        {
            // The count before the read: an edge after it makes the reactor check again.
            int edges = readiness.Edges.Count;
            JudgeWaiters(readiness, ReadEventsForEngine(), edges);
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }
}
