using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

// async/await without a thread per socket. Each operation is a small struct that makes one
// non-blocking attempt under the socket's gate (SocketAsyncContext.cs says why that loses no wake-up);
// when the attempt would block, the operation (a receive) may first yield and try again a few
// times (SocketAsyncContext.Spin.cs), then parks its direction's waiter before the gate is
// released, judged on a drain made after the hold's last native call (a ZMQ_EVENTS read, or the
// refused receive itself), which may complete the waiter at once. A completed
// waiter means "try again"; errors surface from the attempt itself, as the synchronous call's
// exceptions would. As the task-based pattern asks (and System.Net.Sockets does), only a usage
// error is thrown by the call itself (a socket disposed before the call); every error the operation
// meets once started, at once or after a wait (ETERM, a throwing buffer writer, a failed reactor
// registration), is returned in the task: each path below that cleans up after an exception
// returns it with ValueTask.FromException, so no cleanup is skipped and the caller sees one way of
// failing. Completions that happen synchronously allocate nothing; a parked operation
// allocates nothing either in steady state (reused waiter, pooled async state machines).
internal sealed partial class SocketAsyncContext
{
    /// <summary>The socket's waiters and reactor registration if an asynchronous call made them; null otherwise.</summary>
    internal SocketReadiness? ReadinessIfMade => Volatile.Read(ref _readiness);

    /// <summary>The socket's waiters and reactor registration, made on its first asynchronous call.</summary>
    internal SocketReadiness Readiness => Volatile.Read(ref _readiness) ?? CreateReadiness();

    private SocketReadiness CreateReadiness()
    {
        if (!_threadSafe)
        {
            Interlocked.CompareExchange(ref _readiness, new SocketReadiness(this, _socket.Descriptor, threadSafe: false), null);
            return _readiness!;
        }
        // A thread-safe socket's descriptor is a private poller's; the socket is kept open while it
        // is made, and a poller that lost the race to another thread is destroyed at once.
        EnterShared();
        try
        {
            nint poller = ThreadSafeSignal.Create(_native, out nint descriptor);
            if (Interlocked.CompareExchange(ref _readiness, new SocketReadiness(this, descriptor, threadSafe: true), null) is null)
            {
                _handle.AdoptSignalPoller(poller);
            }
            else
            {
                ThreadSafeSignal.Destroy(poller);
            }
            return _readiness!;
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }

    /// <summary>Runs one asynchronous operation: at once when it can, otherwise parked or queued (the file's argument).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the attempt then goes by reference from the caller's frame
    internal ValueTask<TResult> RunAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult> =>
        TryRunAtOnce(ref attempt, receiving, cancellationToken, out TResult result, out ValueTask<TResult> pending)
            ? new ValueTask<TResult>(result)
            : pending;

    /// <summary>
    /// The operation's start: true with <paramref name="result"/> when it completed at once on the
    /// fast path, otherwise false with the task of everything else (<paramref name="pending"/>: a
    /// park, a queue, an error, a cancellation).
    /// </summary>
    /// <remarks>
    /// Shaped for the completed operation, which is nearly every one in a stream. It returns a bool,
    /// not a task: a send's public task has no result, so it returns <c>default</c> without a
    /// <c>ValueTask&lt;bool&gt;</c>, which the JIT assembles on the stack a byte at a time and reads
    /// back whole into a register: a store the processor cannot forward to the load, a stall on
    /// every send. The attempt comes by reference for the same reason: passed by value, its memory
    /// (written field by field in the caller) was read back in eight-byte pieces to go in registers.
    /// Both showed in the sending loop's profile as its hottest instructions after the gate's two
    /// compare-and-swaps; the synchronous call has neither. By <c>ref</c>, not <c>in</c>: on an
    /// <c>in</c> parameter of a generic type the compiler copies the struct before each call of its
    /// methods, readonly or not; the wrappers pass their own copy, which nothing else sees.
    /// </remarks>
    private bool TryRunAtOnce<TAttempt, TResult>(ref TAttempt attempt, bool receiving, CancellationToken cancellationToken, out TResult result, out ValueTask<TResult> pending)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        result = default!;
        if (cancellationToken.IsCancellationRequested)
        {
            pending = ValueTask.FromCanceled<TResult>(cancellationToken);
            return false;
        }
        _socket.ThrowIfDisposed();
        if (AsyncSpin.Yields < 0)
        {
            // A bad ZMQ_ASYNC_SPIN fails every operation alike, not only those that happen to park.
            pending = ValueTask.FromException<TResult>(AsyncSpin.Invalid());
            return false;
        }
        if (_threadSafe)
        {
            pending = RunSharedAsync<TAttempt, TResult>(attempt, receiving, cancellationToken);
            return false;
        }
        // The fast path: nobody holds the gate or this direction and nothing is parked, so one
        // compare-and-swap takes both, and, if the attempt succeeds and nothing changed meanwhile,
        // one gives both back: what a synchronous call pays, and all of it in this method, so that a
        // completed operation costs no call of the engine's beyond the attempt. Nothing parked at
        // entry is what lets the release skip the ZMQ_EVENTS read (SocketAsyncContext.cs, rule 3); a
        // waiter that parks while this holds the gate changes the word, and the release then takes
        // the slow way. Its waiter is claimed only if the attempt is refused and the operation must wait.
        int turn = receiving ? GateReceiveTurn : GateSendTurn;
        int free = Volatile.Read(ref _gate);
        if ((free & (GateHeld | turn)) == 0 && free < GateParkedUnit)
        {
            int held = free | GateHeld | GateHeldByEngine | turn;
            if (Interlocked.CompareExchange(ref _gate, held, free) == free)
            {
                // The mark comes before the attempt (ReadinessEdges.cs). No readiness yet means no edge was
                // counted, unless another thread makes one and counts edges during this hold: then the mark
                // is behind, and a refusal under ready costs one retry more before it waits deaf.
                int mark = Volatile.Read(ref _readiness)?.Edges.Count ?? 0;
                bool done;
                // An exception must never leave the gate or the turn held (every later call would wait).
                try
                {
                    _socket.ThrowIfDisposed(); // as the slow path: an operation that finds Dispose begun does not run
                    done = attempt.TryRun(_socket, out result);
                    NoteNativeCallInHold(refusedReceive: receiving && !done);
                }
                catch (Exception e)
                {
                    ExitEngine();
                    ExitTurn(receiving);
                    pending = ValueTask.FromException<TResult>(e);
                    return false;
                }
                if (!done)
                {
                    pending = ParkHeldAsync<TAttempt, TResult>(attempt, receiving, mark, cancellationToken);
                    return false;
                }
                if (TAttempt.FinishesOutsideGate)
                {
                    // The gate only: the turn stays held until the second step ends, so the next
                    // operation of this direction finishes after this one.
                    pending = FinishThenExitTurn<TAttempt, TResult>(attempt, result, receiving);
                    return false;
                }
                if (Interlocked.CompareExchange(ref _gate, free, held) != held)
                {
                    ExitEngine();
                    ExitTurn(receiving);
                }
                else if (HasWaitToKick(free))
                {
                    KickWaits(free); // an operation beside a waiting one of the other direction may have drained its signal
                }
                pending = default;
                return true;
            }
        }
        pending = RunContendedAsync<TAttempt, TResult>(attempt, receiving, cancellationToken);
        return false;
    }

    /// <summary>
    /// The operation could not take the fast path (the gate or its direction is taken, or waiters are
    /// parked): it queues for its direction's turn, then makes its attempt as the head.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<TResult> RunContendedAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        OperationQueue turns;
        bool head;
        try
        {
            SocketReadiness readiness = Readiness;
            turns = receiving ? readiness.ReceiveTurns! : readiness.SendTurns!;
            head = turns.TryEnter();
        }
        catch (Exception e)
        {
            return ValueTask.FromException<TResult>(e);
        }
        return head
            ? RunAsHeadAsync<TAttempt, TResult>(attempt, receiving, turns, cancellationToken)
            : RunQueuedAsync<TAttempt, TResult>(attempt, receiving, turns, cancellationToken);
    }

    /// <summary>
    /// The direction's turn is this operation's (taken at once, or handed over by the queue): claims
    /// its waiter, makes the attempt, and either ends the turn or waits in <see cref="CompleteAsync"/>,
    /// which ends it.
    /// </summary>
    private ValueTask<TResult> RunAsHeadAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, OperationQueue turns, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        SocketReadiness readiness = _readiness!;
        AsyncWaiter waiter = receiving ? readiness.Receive : readiness.Send;
        waiter.Claim(); // the direction's turn is ours: its waiter is free (Async/OperationQueue.cs)
        ValueTask parked;
        try
        {
            if (TryRunOrPark(attempt, waiter, cancellationToken, out TResult result, out parked))
            {
                FinishOutsideGate(attempt, ref result);
                EndTurn(waiter, turns);
                return new ValueTask<TResult>(result);
            }
        }
        catch (Exception e)
        {
            EndTurn(waiter, turns);
            return ValueTask.FromException<TResult>(e);
        }
        return CompleteAsync<TAttempt, TResult>(attempt, waiter, turns, parked, cancellationToken);
    }

    /// <summary>
    /// The attempt's second step, if its type has one (IAsyncAttempt.Finish): called after the
    /// gate's release and before the turn's, on every path where an attempt succeeded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishOutsideGate<TAttempt, TResult>(TAttempt attempt, ref TResult result)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        if (TAttempt.FinishesOutsideGate)
        {
            attempt.Finish(ref result);
        }
    }

    /// <summary>
    /// The fast path's attempt was refused, with the gate and the direction's turn still held (edge
    /// count <paramref name="mark"/> read before it): a receive may spin first
    /// (SocketAsyncContext.Spin.cs); then claims the direction's waiter, retries or parks it, and
    /// releases the gate.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<TResult> ParkHeldAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, int mark, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        SpinOutcome spin = SpinOutcome.Refused;
        TResult result = default!;
        try
        {
            spin = receiving && !ReceiveWaitsOnDescriptor
                ? SpinBeforeReceivePark(attempt, ref mark, out result, cancellationToken)
                : WaitBeforePark(attempt, receiving, ref mark, out result, cancellationToken);
        }
        catch (Exception e)
        {
            ExitEngine();
            ExitTurn(receiving);
            return ValueTask.FromException<TResult>(e);
        }
        if (spin == SpinOutcome.Ran)
        {
            return FinishThenExitTurn<TAttempt, TResult>(attempt, result, receiving);
        }
        if (spin == SpinOutcome.GateTaken)
        {
            return RunAsHeadWithoutGateAsync<TAttempt, TResult>(attempt, receiving, cancellationToken);
        }
        if (spin == SpinOutcome.Cancelled)
        {
            ExitEngine();
            ExitTurn(receiving);
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }
        SocketReadiness readiness;
        OperationQueue turns;
        AsyncWaiter waiter;
        try
        {
            readiness = Readiness;
            turns = receiving ? readiness.ReceiveTurns! : readiness.SendTurns!;
            waiter = receiving ? readiness.Receive : readiness.Send;
            waiter.Claim(); // the turn is ours: its waiter is free
        }
        catch (Exception e)
        {
            ExitEngine();
            ExitTurn(receiving);
            return ValueTask.FromException<TResult>(e);
        }
        ValueTask parked;
        bool done;
        int events, edgesBeforeRead;
        try
        {
            done = RetryOrParkHeld(attempt, waiter, mark, cancellationToken, out result, out parked, out events, out edgesBeforeRead);
        }
        catch (Exception e)
        {
            ExitEngine();
            EndTurn(waiter, turns);
            return ValueTask.FromException<TResult>(e);
        }
        if (done)
        {
            return FinishThenExitTurn(attempt, result, receiving, waiter, turns);
        }
        ExitEngineAfterPark(events, edgesBeforeRead);
        AssertNotWokenUnderItsOwnRefusal(waiter, parked, readiness.Edges, mark);
        return CompleteAsync<TAttempt, TResult>(attempt, waiter, turns, parked, cancellationToken);
    }

    /// <summary>
    /// An attempt succeeded and the engine still holds the gate: releases the gate, runs the
    /// attempt's second step (if its type has one) outside it, then gives the turn back: the fast
    /// path's (<paramref name="waiter"/> null) or, once the direction's waiter was claimed, through
    /// <see cref="EndTurn"/>. The second step's exception is the operation's, in the returned task.
    /// </summary>
    private ValueTask<TResult> FinishThenExitTurn<TAttempt, TResult>(TAttempt attempt, TResult result, bool receiving,
        AsyncWaiter? waiter = null, OperationQueue? turns = null)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        ExitEngine();
        try
        {
            FinishOutsideGate(attempt, ref result);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<TResult>(e);
        }
        finally
        {
            if (waiter is null)
            {
                ExitTurn(receiving);
            }
            else
            {
                EndTurn(waiter, turns!);
            }
        }
        return new ValueTask<TResult>(result);
    }

    /// <summary>
    /// A spin before parking found the gate taken (SocketAsyncContext.Spin.cs): the operation, which
    /// still holds its direction's turn, goes on as the direction's head, whose attempt parks at once
    /// and asks the holder to check if the gate is still taken.
    /// </summary>
    private ValueTask<TResult> RunAsHeadWithoutGateAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        OperationQueue turns;
        try
        {
            SocketReadiness readiness = Readiness;
            turns = receiving ? readiness.ReceiveTurns! : readiness.SendTurns!;
        }
        catch (Exception e)
        {
            ExitTurn(receiving);
            return ValueTask.FromException<TResult>(e);
        }
        return RunAsHeadAsync<TAttempt, TResult>(attempt, receiving, turns, cancellationToken);
    }

    /// <summary>
    /// Gives back a direction's turn taken by the fast path (its queue hands it on if operations
    /// wait). Never throws, and makes nothing: it runs in the fast path's failure handlers.
    /// </summary>
    private void ExitTurn(bool receiving)
    {
        int turn = receiving ? GateReceiveTurn : GateSendTurn;
        if (!OperationQueue.TryExitUnqueued(this, turn, receiving ? GateReceiveQueued : GateSendQueued))
        {
            // Queued is set only through the readiness's queues, so they exist.
            SocketReadiness readiness = Volatile.Read(ref _readiness)!;
            Debug.Assert(readiness is not null, "Queued is set only through the readiness's queues");
            (receiving ? readiness.ReceiveTurns! : readiness.SendTurns!).Exit();
        }
    }

    /// <summary>Another operation of this direction runs or waits: this one queues behind them (FIFO), then runs as the head.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> RunQueuedAsync<TAttempt, TResult>(TAttempt attempt, bool receiving, OperationQueue turns, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        await turns.EnterAsync(cancellationToken).ConfigureAwait(false);
        // Completes inline when the head's attempt does; otherwise it ends the turn once it is done.
        return await RunAsHeadAsync<TAttempt, TResult>(attempt, receiving, turns, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The head's operation ended: its waiter is free, and the next queued operation (if any) gets the direction.</summary>
    private static void EndTurn(AsyncWaiter waiter, OperationQueue turns)
    {
        waiter.Release();
        turns.Exit();
    }

    /// <summary>Sends have no result; the same run without one, so no wrapper task is needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one call less on every completed send
    internal ValueTask RunAsync<TAttempt>(TAttempt attempt, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<bool>
    {
        if (TryRunAtOnce(ref attempt, receiving: false, cancellationToken, out bool _, out ValueTask<bool> pending))
        {
            return default;
        }
        if (pending.IsCompletedSuccessfully)
        {
            _ = pending.Result; // ends the source's use, so a pooled box goes back to its pool
            return default;
        }
        return AwaitSendAsync(pending);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask AwaitSendAsync(ValueTask<bool> run) => await run.ConfigureAwait(false);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> CompleteAsync<TAttempt, TResult>(TAttempt attempt, AsyncWaiter waiter, OperationQueue turns, ValueTask parked, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        try
        {
            while (true)
            {
                await parked.ConfigureAwait(false);
                if (TryRunOrPark(attempt, waiter, cancellationToken, out TResult result, out parked))
                {
                    _readiness!.Edges.ResetBackoff();
                    FinishOutsideGate(attempt, ref result);
                    return result;
                }
            }
        }
        finally
        {
            EndTurn(waiter, turns);
        }
    }

    /// <summary>
    /// One attempt under the gate; if it would block, parks <paramref name="waiter"/> (its readiness
    /// is judged by the release, SocketAsyncContext.cs rule 3). If someone else holds the gate (a synchronous
    /// call, the other direction, the reactor), parks at once and asks the holder to check on its way
    /// out, rather than wait behind a call that may block for long. An attempt refused again after
    /// ZMQ_EVENTS said ready parks deaf until the next edge (ReadinessEdges.cs).
    /// </summary>
    private bool TryRunOrPark<TAttempt, TResult>(TAttempt attempt, AsyncWaiter waiter, CancellationToken cancellationToken, out TResult result, out ValueTask parked)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        result = default!;
        if (!TryEnterEngine())
        {
            parked = waiter.Park(cancellationToken);
            RequestReadinessCheck();
            return false;
        }
        ReadinessEdges edges = _readiness!.Edges;
        int mark, events, edgesBeforeRead;
        try
        {
            _socket.ThrowIfDisposed();
            // The mark comes before the attempt: an edge heard after it is one this attempt may not
            // have seen the effect of (ReadinessEdges.cs).
            mark = edges.Count;
            bool ran = attempt.TryRun(_socket, out result);
            NoteNativeCallInHold(refusedReceive: !ran && waiter == _readiness.Receive);
            if (ran || RetryOrParkHeld(attempt, waiter, mark, cancellationToken, out result, out parked, out events, out edgesBeforeRead))
            {
                ExitEngine();
                parked = default;
                return true;
            }
        }
        catch
        {
            ExitEngine();
            throw;
        }
        ExitEngineAfterPark(events, edgesBeforeRead);
        AssertNotWokenUnderItsOwnRefusal(waiter, parked, edges, mark);
        return false;
    }

    /// <summary>
    /// With the engine holding the gate, after a refused attempt: reads ZMQ_EVENTS and, if it says
    /// the direction is ready, tries again; refused, parks <paramref name="waiter"/> (deaf if it was
    /// refused under ready). A refused receive with nothing else parked skips the read: the refusal
    /// was the drain (<paramref name="events"/> 0). True when the second attempt succeeded. The
    /// caller releases the gate with <see cref="ExitEngineAfterPark"/>: the release must judge the
    /// parked waiters on a drain made after every native call of this hold (SocketAsyncContext.cs,
    /// rule 3), and the one here is it unless a retry followed (then <paramref name="events"/> is -1).
    /// </summary>
    private bool RetryOrParkHeld<TAttempt, TResult>(TAttempt attempt, AsyncWaiter waiter, int mark, CancellationToken cancellationToken,
        out TResult result, out ValueTask parked, out int events, out int edgesBeforeRead)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        Debug.Assert((Volatile.Read(ref _gate) & (GateHeld | GateHeldByEngine)) == (GateHeld | GateHeldByEngine), "the engine holds the gate");
        // A refusal may only mean that libzmq has not yet processed the command saying the
        // peer drained the pipe (send and receive throttle command processing); ZMQ_EVENTS
        // processes them, so when it says ready the second attempt succeeds without parking,
        // unless ready is not a promise for this socket (XPUB_NODROP, ROUTER_MANDATORY,
        // SERVER/PEER): then the waiter parks deaf to readiness until the next edge.
        SocketReadiness readiness = _readiness!;
        bool receiving = waiter == readiness.Receive;
        int ready = receiving ? LibZmq.ZMQ_POLLIN : LibZmq.ZMQ_POLLOUT;
        bool refusedUnderReady = false;
        // The count before the read, for judging the other direction's waiter on this read (ExitEngineAfterRead).
        edgesBeforeRead = readiness.Edges.Count;
        if (receiving && Volatile.Read(ref _gate) < GateParkedUnit)
        {
            // A refused non-blocking receive is already fresh: libzmq processes every pending
            // command before it gives up (socket_base_t::recv with ZMQ_DONTWAIT), which drains the
            // mailbox as a ZMQ_EVENTS read would. With nothing else parked there is no other waiter
            // to judge, so the refusal stands for the read: "not readable" (see the file's argument
            // for why a socket that says readable and refuses still cannot spin).
            AssertLastCallInHoldWasRefusedReceive();
            events = 0;
            result = default!;
            BeforeParkHook?.Invoke(receiving);
            parked = waiter.Park(cancellationToken, refusedUnderReady: false, mark);
            return false;
        }
        events = ReadEventsForEngine();
        if ((events & ready) != 0)
        {
            bool ran = attempt.TryRun(_socket, out result);
            NoteNativeCallInHold(refusedReceive: receiving && !ran);
            if (ran)
            {
                parked = default;
                return true;
            }
            refusedUnderReady = true;
            events = -1; // the retry came after the read: the release must read again
        }
        result = default!;
        BeforeParkHook?.Invoke(receiving);
        parked = waiter.Park(cancellationToken, refusedUnderReady, mark);
        Debug.Assert(!refusedUnderReady || (Volatile.Read(ref _gate) & GateHeldByEngine) != 0,
            "a deaf park happens under the engine's hold of the gate, so no readiness check runs between its refusal and its park");
        return false;
    }

    /// <summary>
    /// Tests only: runs on the parking thread, with the engine holding the gate, after the park's
    /// drain and before the waiter is counted: the window in which an edge must turn into a recheck.
    /// Its argument says whether the parking operation is a receive.
    /// </summary>
    internal Action<bool>? BeforeParkHook;

    /// <summary>
    /// Releases the engine's hold after <see cref="RetryOrParkHeld"/>: when its drain was the last
    /// native call (<paramref name="events"/> not -1), that drain is the release's (ExitEngineAfterRead).
    /// </summary>
    private void ExitEngineAfterPark(int events, int edgesBeforeRead)
    {
        if (events == -1)
        {
            ExitEngine();
        }
        else
        {
            ExitEngineAfterRead(events, edgesBeforeRead);
        }
    }

    /// <summary>
    /// After the park's release: the release read ZMQ_EVENTS for the waiter and may have completed
    /// it, but never on the readiness its refusal happened under: only after an edge (or the back-off
    /// timer), or by a cancellation or disposal, which complete it with an exception.
    /// </summary>
    [Conditional("DEBUG")]
    private static void AssertNotWokenUnderItsOwnRefusal(AsyncWaiter waiter, ValueTask parked, ReadinessEdges edges, int mark) =>
        Debug.Assert(!parked.IsCompletedSuccessfully || !waiter.WasDeafAt(mark) || edges.Count != mark,
            "a waiter refused under ready was completed by a readiness check without a new edge");
}
