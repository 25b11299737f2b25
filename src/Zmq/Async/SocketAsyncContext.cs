using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

// The async context of one socket: the engine, kept apart from ZmqSocket's public face the way
// dotnet/runtime keeps SocketAsyncContext apart from Socket. It owns the socket's gate word (every
// native call on a classic socket holds it), the waiters and the operation queues
// (Async/SocketReadiness.cs), and one readiness routine (JudgeWaiters) through which every drain of
// the socket's commands, on either kind of socket, wakes the operations it finds ready. ZmqSocket
// makes one per socket and calls it for every synchronous call's entry and exit, every asynchronous
// operation (SocketAsyncContext.Operations.cs) and its disposal. Thread-safe sockets use the same
// routine without the exclusive gate (SocketAsyncContext.ThreadSafe.cs says why and how).
//
// The socket's gate: every native call on the socket runs while its caller holds it, and whoever
// lets go of it while asynchronous operations are parked first makes sure their readiness was read
// after its last native call.
//
// Why this loses no wake-up. ZMQ_FD is one edge for both directions, and any call on the socket
// (zmq_send, zmq_recv, zmq_getsockopt(ZMQ_EVENTS), zmq_bind...) may process the commands that
// raised it, consuming the edge without anyone hearing of it. Call a *drain* a call that processes
// every pending command and so empties the socket's mailbox: a ZMQ_EVENTS read, and a non-blocking
// receive that is refused (libzmq processes the commands before it refuses). So: (1) native calls
// never overlap (the gate); (2) a waiter is parked either while the gate is held or together with a
// request that the holder check again (the Recheck bit); (3) a release with waiters parked judges
// them on a drain made after its hold's last native call, and completes those whose direction is
// ready (save one refused under that same readiness: it waits for the next edge,
// Async/ReadinessEdges.cs). Usually the release reads ZMQ_EVENTS for that; a park whose own drain
// (its ZMQ_EVENTS read after a refused attempt, or its refused receive when nothing else is parked)
// was the hold's last native call lets that drain stand for it (ExitEngineAfterRead): one drain per
// park. A Recheck at the release means an edge came after that drain: the release reads again, and
// loops while a new Recheck arrives; (4) when the reactor sees ZMQ_FD fire it takes the free gate and
// reads, or, if the gate is held, sets Recheck for the holder: always when the holder is the engine
// (it may be about to park on a drain made before this edge), otherwise when a waiter is parked. A
// Recheck with nothing parked at the release is dropped: whoever parks next drains after its attempt.
// After every release, then, the last drain comes after every native call, the mailbox was empty
// after it, and any later change of readiness arrives as a new command, which signals ZMQ_FD again:
// the reactor hears it, if it watches the descriptor. It watches one-shot (both backends): a
// descriptor that fired is watched again only when a judgement of rule 3 leaves waiters parked
// (JudgeWaiters), after that judgement's drain and before the gate's release, and a backend that
// starts watching a descriptor whose signal is pending reports it at once. So while a waiter is
// parked the descriptor is watched from the last drain on, and a socket whose operations never
// park costs the reactor one wake-up, not one per command (Async/EpollBackend.cs). All state lives in one int changed only by compare-and-swap, so no
// transition is lost between two threads; the async operations' turns live in it too
// (Async/OperationQueue.cs), so an operation that can run at once takes turn and gate together.
//
// The gate also keeps the socket open: Dispose closes the handle only once nobody holds the gate,
// or leaves the closing to the holder's release. So the hot calls pass the raw socket pointer
// instead of the SafeHandle, whose marshalling would add two interlocked reference-count updates.
//
// Synchronous calls pay one compare-and-swap to enter and one to leave (more only while an async
// operation holds a turn or is parked: then the word is not the plain free one). Two synchronous calls
// from different threads at once are refused (libzmq sockets are not thread-safe: the second call
// would corrupt the socket or abort the process); a synchronous call that meets an engine holder
// waits for it, since the engine only ever makes non-blocking calls.
//
// Calls from outside the socket. ZmqPoller (zmq_poll), ZmqProxy (zmq_proxy) and the monitor's
// pipe-statistics request take the raw socket pointer, and zmq_poll and the proxy read ZMQ_EVENTS
// (processing the socket's commands, consuming the ZMQ_FD edge) for as long as they run. So they
// enter the gate like a synchronous call, for the whole call (EnterExternal): otherwise the
// reactor's ZMQ_EVENTS read could run during the zmq_poll (two native calls at once: the libzmq
// abort the gate prevents), and an edge the poll consumed would never reach a parked waiter. They
// serialize rather than refuse: a second synchronous caller is refused as ever, an async operation
// started meanwhile parks and asks for a recheck (rule 2), and the poll's or proxy's release reads
// ZMQ_EVENTS for it (rule 3): the edge the poll consumed is not lost, only delayed until the poll
// returns. Refusing async operations instead would turn a harmless overlap (a poll with a timeout
// beside an awaited send) into an exception the caller cannot avoid without a lock of its own. The
// price, documented: an infinite poll that waits for what a parked operation would produce (the reply
// to its send) never returns.
//
// Thread-safe sockets (the draft types) bypass the gate: libzmq serializes their calls with its own
// mutex, and lets a send proceed while another thread blocks in a receive, which an exclusive gate
// would forbid. A call on one holds a reference on the SafeHandle instead, so Dispose closes the
// socket only after the last call in flight has returned; SocketAsyncContext.ThreadSafe.cs says how their
// calls keep the async engine's wake-ups without a gate.
internal sealed partial class SocketAsyncContext
{
    private readonly ZmqSocket _socket;
    private readonly OwnedSocketHandle _handle;
    private readonly nint _native; // the handle's pointer, for the calls made under the gate
    private readonly bool _threadSafe;
    private SocketReadiness? _readiness;

    /// <param name="socket">The socket this context serves (its attempts run against it).</param>
    /// <param name="handle">The socket's handle: closed by whoever releases the gate after Dispose.</param>
    /// <param name="threadSafe">A draft type that libzmq locks itself (no exclusive gate).</param>
    /// <param name="type">The socket's type (whether its receives wait on the descriptor: SocketAsyncContext.Spin.cs).</param>
    public SocketAsyncContext(ZmqSocket socket, OwnedSocketHandle handle, bool threadSafe, ZmqSocketType type)
    {
        _socket = socket;
        _handle = handle;
        _native = handle.DangerousGetHandle();
        _threadSafe = threadSafe;
        _receivesOnly = type is ZmqSocketType.Pull or ZmqSocketType.Sub;
    }

    /// <summary>The socket this context serves.</summary>
    public ZmqSocket Socket => _socket;

    private const int GateHeld = 1;
    private const int GateHeldByEngine = 2;
    private const int GateRecheck = 4;
    private const int GateDisposed = 8; // with GateHeld, for ever: nobody enters again
    // The async operations' turns (Async/OperationQueue.cs): which direction has a running head, and
    // whether others queue behind it. In this word so that the fast path takes turn and gate at once.
    internal const int GateSendTurn = 16;
    internal const int GateSendQueued = 32;
    internal const int GateReceiveTurn = 64;
    internal const int GateReceiveQueued = 128;
    private const int GateParkedUnit = 1 << 8; // parked waiters are counted above the flag bits

    private int _gate;
    private string? _gateHolder;

    /// <summary>Takes the gate for a synchronous call; refuses a call from a second thread.</summary>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EnterSync(string operation)
    {
        if (_threadSafe)
        {
            EnterShared();
            return;
        }
        if (Interlocked.CompareExchange(ref _gate, GateHeld, 0) != 0)
        {
            EnterSyncContended(operation);
        }
        _gateHolder = operation;
    }

    /// <summary>Takes a classic socket's gate for a call made from outside the socket (see the file's argument).</summary>
    internal void EnterExternal(string role)
    {
        Debug.Assert(!_threadSafe, "only classic sockets have a gate");
        EnterSync(role);
        Debug.Assert((Volatile.Read(ref _gate) & (GateHeld | GateHeldByEngine)) == GateHeld,
            "an outside call holds the gate as a synchronous caller, never as the engine");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ExitSync()
    {
        if (_threadSafe)
        {
            ExitShared();
            return;
        }
        if (Interlocked.CompareExchange(ref _gate, 0, GateHeld) != GateHeld)
        {
            ExitContended(eventsRead: false);
        }
    }

    /// <summary>A call on a thread-safe socket: keeps the handle open until <see cref="ExitSync"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void EnterShared()
    {
        if ((Volatile.Read(ref _gate) & GateDisposed) != 0)
        {
            ThrowHelper.ThrowDisposed(_socket);
        }
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            ThrowHelper.ThrowDisposed(_socket);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterSyncContended(string operation)
    {
        var spinner = new SpinWait();
        while (true)
        {
            int state = Volatile.Read(ref _gate);
            if ((state & GateHeld) == 0)
            {
                if (Interlocked.CompareExchange(ref _gate, state | GateHeld, state) == state)
                {
                    return;
                }
            }
            else if ((state & GateDisposed) != 0)
            {
                ThrowHelper.ThrowDisposed(_socket);
            }
            else if ((state & GateHeldByEngine) != 0)
            {
                spinner.SpinOnce(); // the engine holds the gate only for a non-blocking call
            }
            else
            {
                ThrowHelper.ThrowConcurrentUse(_socket, operation, Volatile.Read(ref _gateHolder));
            }
        }
    }

    /// <summary>Takes the gate for the async engine unless someone holds it.</summary>
    private bool TryEnterEngine()
    {
        while (true)
        {
            int state = Volatile.Read(ref _gate);
            if ((state & GateHeld) != 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _gate, state | GateHeld | GateHeldByEngine, state) == state)
            {
                return true;
            }
        }
    }

    /// <param name="ownWait">The turn bit of the direction whose waiting operation this release is
    /// (its kick is published), or 0: the plain release drains nothing and must not wake that wait;
    /// the contended one still does, and waits of the other direction are kicked either way.</param>
    private void ExitEngine(int ownWait = 0)
    {
        NoteNativeCallInHold();
        // The engine's holder usually holds a direction's turn too, so the word is rarely just the
        // two hold bits: any word without a recheck, a disposal or a parked waiter is a plain release.
        int state = Volatile.Read(ref _gate);
        Debug.Assert((state & (GateHeld | GateHeldByEngine)) == (GateHeld | GateHeldByEngine), "only the engine's holder exits the engine");
        Debug.Assert(ownWait == 0 || ((ownWait is GateSendTurn or GateReceiveTurn) && (state & ownWait) != 0),
            "a waiting operation's own release names the one turn it holds");
        if ((state & (GateRecheck | GateDisposed)) != 0 || state >= GateParkedUnit
            || Interlocked.CompareExchange(ref _gate, state & ~(GateHeld | GateHeldByEngine), state) != state)
        {
            ExitContended(eventsRead: false);
        }
        else if (HasWaitToKick(state & ~ownWait))
        {
            KickWaits(state & ~ownWait);
        }
    }

    /// <summary>The gate word, for the operation queues' turn bits.</summary>
    internal int GateWord => Volatile.Read(ref _gate);

    /// <summary>One compare-and-swap of the gate word (the operation queues' turn bits only).</summary>
    internal bool TryChangeGateWord(int expected, int value)
    {
        Debug.Assert(((expected ^ value) & ~(GateSendTurn | GateSendQueued | GateReceiveTurn | GateReceiveQueued)) == 0,
            "the operation queues change their turn bits and nothing else");
        return Interlocked.CompareExchange(ref _gate, value, expected) == expected;
    }

    /// <summary>
    /// Releases the gate; first, while waiters are parked, reads ZMQ_EVENTS and completes the ready
    /// waiters, unless <paramref name="eventsRead"/> says the hold's last native call was a drain they
    /// were judged on and no recheck came since. Never throws.
    /// </summary>
    private void ExitContended(bool eventsRead)
    {
        NoteNativeCallInHold();
        while (true)
        {
            int state = Volatile.Read(ref _gate);
            if ((state & GateDisposed) != 0)
            {
                // Disposed while we held the gate: the close was left to us. Waiters were failed
                // by Dispose; the gate stays held for ever. A waiting operation sleeps on the closed
                // descriptor: kicked, it finds the gate taken and ends as a disposal.
                _handle.Dispose();
                KickWaits(GateSendTurn | GateReceiveTurn);
                return;
            }
            bool parked = state >= GateParkedUnit;
            // A recheck with nothing parked is dropped: whoever parks next reads ZMQ_EVENTS itself.
            if (parked && ((state & GateRecheck) != 0 || !eventsRead))
            {
                if (Interlocked.CompareExchange(ref _gate, state & ~GateRecheck, state) == state)
                {
                    CompleteReadyWaiters();
                    eventsRead = true;
                }
                continue;
            }
            if (Interlocked.CompareExchange(ref _gate, state & ~(GateHeld | GateHeldByEngine | GateRecheck), state) == state)
            {
                KickWaits(state);
                return;
            }
        }
    }

    /// <summary>
    /// Releases the engine's hold right after a park whose own drain was the last native call under
    /// this hold: its ZMQ_EVENTS read (<paramref name="events"/>, with the edge count
    /// <paramref name="edgesBeforeRead"/> read before it), or its refused receive with nothing else
    /// parked (<paramref name="events"/> 0: nothing ready, nobody else to judge). That drain serves as
    /// the release's (rule 3), so the parked waiters are judged on it instead of a second read. An
    /// edge heard since set the recheck (the reactor sets it whenever the engine holds the gate), and
    /// the release then reads again. Never throws.
    /// </summary>
    private void ExitEngineAfterRead(int events, int edgesBeforeRead)
    {
        Debug.Assert((Volatile.Read(ref _gate) & (GateHeld | GateHeldByEngine)) == (GateHeld | GateHeldByEngine), "the engine holds the gate");
        JudgeWaiters(_readiness!, events, edgesBeforeRead);
        ExitContended(eventsRead: true);
    }

    /// <summary>
    /// ZMQ_FD fired, or a waiter parked while the gate was held: read ZMQ_EVENTS now if the gate is
    /// free, or make its holder do it on release. Never blocks, never throws.
    /// </summary>
    internal void RequestReadinessCheck()
    {
        if (_threadSafe)
        {
            QueueSharedReadinessCheck();
            return;
        }
        while (true)
        {
            int state = Volatile.Read(ref _gate);
            if (state < GateParkedUnit && (state & GateHeldByEngine) == 0)
            {
                // Nothing waits (a waiter is counted before it asks for a check), and no engine
                // attempt is under way: the next park reads ZMQ_EVENTS itself, after this edge.
                // An engine holder may be about to park on a ZMQ_EVENTS read made before this
                // edge and skip its release's read (ExitEngineAfterRead): it gets the recheck.
                return;
            }
            if ((state & GateHeld) != 0)
            {
                if ((state & GateRecheck) != 0 || Interlocked.CompareExchange(ref _gate, state | GateRecheck, state) == state)
                {
                    return;
                }
            }
            else if (Interlocked.CompareExchange(ref _gate, state | GateHeld | GateHeldByEngine, state) == state)
            {
                ExitContended(eventsRead: false);
                return;
            }
        }
    }

    /// <summary>
    /// Marks the gate disposed. True when nobody held it (the caller closes the handle now); false
    /// when a call is in progress, whose release closes it.
    /// </summary>
    internal bool CloseGate()
    {
        while (true)
        {
            int state = Volatile.Read(ref _gate);
            int disposed = state | GateHeld | GateDisposed;
            if (Interlocked.CompareExchange(ref _gate, disposed, state) == state)
            {
                // A waiting operation (it holds its turn, not the gate) wakes to find the gate
                // taken for ever; its descriptor closes now or at the holder's release.
                KickWaits(GateSendTurn | GateReceiveTurn);
                return (state & GateHeld) == 0;
            }
        }
    }

    private int _engineEventReads;

    /// <summary>How many times the async engine read this socket's ZMQ_EVENTS (tests: each read is a system call or two in libzmq).</summary>
    internal int EngineEventReads => Volatile.Read(ref _engineEventReads);

    /// <summary>For tests and the test host: some thread holds the gate now (a call is in flight, or the engine checks readiness).</summary>
    internal bool IsGateHeld => (Volatile.Read(ref _gate) & GateHeld) != 0;

    /// <summary>Counts a waiter in or out of the parked set (see <see cref="AsyncWaiter"/>).</summary>
    internal void AddParked(int delta)
    {
        Interlocked.Add(ref _gate, delta * GateParkedUnit);
        if (delta > 0)
        {
            Interlocked.Increment(ref _engineParks);
        }
    }

    private int _engineParks;

    /// <summary>How many times an async operation parked on this socket (tests: set against <see cref="EngineEventReads"/>).</summary>
    internal int EngineParks => Volatile.Read(ref _engineParks);

    /// <summary>For tests: how many of this socket's waiters are parked now (a waiter leaves the count before its await resumes).</summary>
    internal int ParkedWaiters => (int)((uint)Volatile.Read(ref _gate) / GateParkedUnit);

    /// <summary>For tests: an edge heard while some call held the gate asked its holder to read again.</summary>
    internal bool IsRecheckRequested => (Volatile.Read(ref _gate) & GateRecheck) != 0;

    /// <summary>With the gate held: reads ZMQ_EVENTS and completes the waiters it says are ready.</summary>
    private void CompleteReadyWaiters()
    {
        SocketReadiness? readiness = Volatile.Read(ref _readiness);
        if (readiness is null)
        {
            return;
        }
        Debug.Assert((Volatile.Read(ref _gate) & GateHeld) != 0, "ZMQ_EVENTS is read for the waiters only under the gate");
        // The ZMQ_EVENTS read below consumes the descriptor's signal: a deaf waiter's edge is
        // counted first, or the reactor would never hear it (ReadinessEdges.cs).
        if ((readiness.Send.IsParkedDeaf || readiness.Receive.IsParkedDeaf) && SignalPending(readiness.Descriptor))
        {
            readiness.Edges.Heard();
        }
        // The count before the read: an edge after it asks for another check (rule 4), which reads it again.
        int edges = readiness.Edges.Count;
        JudgeWaiters(readiness, ReadEventsForEngine(), edges);
    }

    /// <summary>
    /// The one readiness routine, for both kinds of socket: given a drain's ZMQ_EVENTS
    /// (<paramref name="events"/>, read at edge count <paramref name="edges"/>), wakes the parked
    /// operation of each direction it says is ready (a classic socket's head waiter; a thread-safe
    /// socket's oldest waiter: SocketReadiness.Wake), save one refused under that same readiness
    /// (ReadinessEdges.cs), and watches the descriptor again while any stays parked (both backends
    /// watch one-shot). Never throws.
    /// </summary>
    private void JudgeWaiters(SocketReadiness readiness, int events, int edges)
    {
        if ((events & LibZmq.ZMQ_POLLIN) != 0)
        {
            readiness.Wake(receiving: true, edges);
        }
        if ((events & LibZmq.ZMQ_POLLOUT) != 0)
        {
            readiness.Wake(receiving: false, edges);
        }
        if (Volatile.Read(ref _gate) >= GateParkedUnit)
        {
            readiness.StillWaiting();
        }
    }

    /// <summary>Whether the socket's ZMQ_FD has a signal no call has consumed yet (a zero-timeout poll of the descriptor alone).</summary>
    internal static unsafe bool SignalPending(nint descriptor)
    {
        if (OperatingSystem.IsWindows())
        {
            var item = new zmq_pollitem_windows_t { fd = descriptor, events = (short)LibZmq.ZMQ_POLLIN };
            int found;
            while ((found = LibZmq.zmq_poll_windows(&item, 1, new CLong(0))) < 0 && LibZmq.zmq_errno() == LibZmq.EINTR)
            {
            }
            return found > 0;
        }
        // A signal interrupting the poll is not "no signal pending": ask again, or the ZMQ_EVENTS
        // read after this would consume the edge unheard.
        var unixItem = new zmq_pollitem_t { fd = (int)descriptor, events = (short)LibZmq.ZMQ_POLLIN };
        int ready;
        while ((ready = LibZmq.zmq_poll(&unixItem, 1, new CLong(0))) < 0 && LibZmq.zmq_errno() == LibZmq.EINTR)
        {
        }
        return ready > 0;
    }

    /// <summary>
    /// ZMQ_EVENTS for the engine (gate held, so the socket is open). When it cannot be read (the
    /// context was shut down) both directions count as ready: each waiter then retries its own
    /// call, which reports the error as the exception a synchronous call would have thrown.
    /// </summary>
    private unsafe int ReadEventsForEngine()
    {
        NoteNativeCallInHold();
        Interlocked.Increment(ref _engineEventReads);
        int events;
        nuint size = sizeof(int);
        while (LibZmq.zmq_getsockopt_raw(_native, LibZmq.ZMQ_EVENTS, &events, &size) != 0)
        {
            if (LibZmq.zmq_errno() != LibZmq.EINTR)
            {
                return LibZmq.ZMQ_POLLIN | LibZmq.ZMQ_POLLOUT;
            }
        }
        return events;
    }

#if DEBUG
    // Debug builds: the native calls and releases of engine holds, counted, and the count at the
    // last refused receive, for the one invariant no state of the gate word shows (below).
    private int _debugHoldCalls;
    private int _debugRefusedReceiveAt = -1;
#endif

    /// <summary>
    /// Debug builds: records a native call made under the engine's hold (an attempt, a ZMQ_EVENTS
    /// read) or a release of the hold; <paramref name="refusedReceive"/> when it was a receive
    /// attempt that was refused. Classic sockets only, whose gate serialises the writes.
    /// </summary>
    [Conditional("DEBUG")]
    private void NoteNativeCallInHold(bool refusedReceive = false)
    {
#if DEBUG
        if (_threadSafe)
        {
            return; // no gate, so no hold: a thread-safe socket's events reads run on many threads at once
        }
        _debugHoldCalls++;
        if (refusedReceive)
        {
            _debugRefusedReceiveAt = _debugHoldCalls;
        }
#endif
    }

    /// <summary>
    /// Debug builds: a receive that parks on its own refusal instead of a ZMQ_EVENTS read
    /// (RetryOrParkHeld's shortcut) relies on that refusal being the hold's last native call, made
    /// without the gate being let go since: the refusal drained the socket's commands, and nothing
    /// else can have drained a signal this park would then never hear of.
    /// </summary>
    [Conditional("DEBUG")]
    private void AssertLastCallInHoldWasRefusedReceive()
    {
#if DEBUG
        Debug.Assert(_debugRefusedReceiveAt == _debugHoldCalls,
            "a receive parks on its refusal only when that refusal is this hold's last native call and the gate was not let go since");
#endif
    }
}
