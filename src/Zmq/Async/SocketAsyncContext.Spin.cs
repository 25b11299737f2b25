using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

// Before parking: a refused receive spins (yields its CPU and retries), a refused send, and a
// refused receive of a stream from outside the process, wait on the socket's own signal; each on a
// socket where that paid off recently.
//
// Why. A parked operation comes back through two thread hand-offs (the reactor hears ZMQ_FD, the
// thread pool runs the continuation, Async/InlineCompletions.cs), where a blocking call is woken by
// libzmq directly. On a request-reply round trip that doubled what awaiting cost over blocking; in a
// tcp stream it starved libzmq's I/O thread: a blocking sender at the high-water mark is woken as
// soon as the I/O thread has drained half the pipe, and refills it while the I/O thread still
// sends, but a parked one came back only after the I/O thread had emptied the pipe and gone to
// sleep, and from then on each send woke it again to send a few messages per system call (measured:
// a 64 B tcp stream at under half the blocking throughput, libzmq's I/O thread waking every 110
// messages instead of every 800).
//
// The receive's spin. When the fast path's receive is refused, the operation lets go of the gate
// (never of its direction's turn: the receives keep their order), yields its CPU (Thread.Yield: on a
// loaded or single CPU the peer runs now), takes the gate again and repeats the attempt, at most
// AsyncSpin.Yields times. Each repetition is exactly a fast-path attempt with the turn already held:
// the edge mark is read before it, and libzmq processes the socket's commands before it refuses a
// non-blocking receive, so each sees what arrived.
//
// The send's wait. A spinning sender feeds the I/O thread message by message (measured: slower
// than parking), so a refused send instead lets go of the gate and waits on the socket's ZMQ_FD
// with a plain ppoll (Async/DescriptorWait.cs: no libzmq call, so no gate and nothing consumed),
// as libzmq's own blocking send waits on the same descriptor; when a command arrives it takes the
// gate again, drains with a ZMQ_EVENTS read (a refused send does not process commands: libzmq
// throttles that on send) and retries if it says writable, until its budget has passed (5 ms at
// first, adaptive per direction: AsyncSpin.DescriptorWaitNanoseconds says how). It uses no CPU
// while it waits, but it holds its thread that long at most, so it never runs on a thread with a
// synchronization context or another task scheduler (CallerMayBlock); Linux only.
// The waiting send is not counted as parked, so a drain by someone else after its read (a receive
// on the same socket, a synchronous call, the reactor) can take the signal meant for it. It is
// kicked instead: before its release it publishes an eventfd (DescriptorWaitState.Kick) and sleeps
// on both descriptors; it keeps its send turn, so every release of the gate by anyone else meanwhile
// finds the send turn in the word (the fast path of a receive, ExitEngine, ExitContended: a
// synchronous call's release always takes that one while a turn is held) and writes the kick,
// which stays readable until the wait drains it, so a kick written before the sleep begins wakes
// it too; so does its own release whenever it is not the plain one (it may judge waiters parked
// meanwhile: a drain; a recheck or a queue bit that changed costs one extra wake, no more). A
// disposal kicks it as well, and so does a cancellation (the token's callback). So the wait ends
// at the first signal or kick, or when its budget is spent (the park's own read drains then), and
// sleeps its whole budget (in slices, looking at the pool between them, below) only when nothing
// at all happens on the socket. It holds a thread, and
// the thread pool may need it: with as many workers as CPUs, the work queued behind a sleeping
// send can be the very continuation that makes its room (the awaited receive at the other end of
// an inproc pipe), which then ran only when the wait timed out (measured: 6-25 five-millisecond
// stalls per 4 M frames on one CPU). So on a pool thread it sleeps only while the pool has nothing
// queued (ThreadPool.PendingWorkItemCount, read before each sleep), and an operation of any socket
// whose continuation goes to the pool (a parked one completed, a queued one given its turn) kicks
// every such wait in progress (Async/PoolCompletion.cs), which then parks and gives its thread
// back; work queued otherwise (the caller's own) waits for the wait's end, as behind any blocking
// call. It stops as soon as another operation of the socket parks (that park's release, or the
// wait's own, kicks it), whose judging (a deaf waiter's edge among it) is the park path's
// release's, not a read of this wait's.
//
// Both keep the gate argument. Every release in between is an ordinary ExitEngine, which judges
// the waiters parked meanwhile (rule 3 of SocketAsyncContext.cs), so no wake-up is lost; when the
// time or the repetitions run out the operation parks exactly as before, on the mark of its last
// attempt. If the gate is taken when it comes back (a synchronous call, the reactor, a disposal) it
// stops at once and goes on as the direction's head, which parks and asks the holder to check
// (rule 2); a cancellation ends it without a park. Measured (bench/results/async.md, and interleaved
// A/B runs with ZMQ_ASYNC_SPIN=0): the spin took an awaited inproc round trip on one CPU from 2.0x
// to 1.1x the blocking one; the wait took a 64 B tcp stream from 0.40x to 0.65-0.70x.
//
// The receive's wait, and which receives wait. The yields pay where the frame comes from a thread
// of this process that needs the CPU they hand over (an inproc peer), or answers this socket's own
// send (a round trip over tcp: the yields keep the CPU from idling between request and reply; a
// receive sleeping on its descriptor there measured slower than even the blocking call). In a
// stream over tcp or ipc the frames come from libzmq's I/O thread, and the yields take the CPU
// from it (measured: the awaited receive of such a stream a quarter to a third below the blocking
// one at 1 KiB and 64 KiB; docs/performance.md has the figures). So a receive on a socket that only
// receives (PULL, SUB: no send of its own whose answer could come) and has no inproc endpoint
// (ZmqSocket notes every inproc Bind and Connect) waits on the descriptor as the send does, which
// is what libzmq's blocking receive does too: the same wait and kick, per direction (each has its
// own DescriptorWaitState, and every release kicks the waits of the turns it finds held), with a
// budget that does not grow (MaxBudgetTicks says why).
// It needs no ZMQ_EVENTS read: a refused non-blocking receive processes the socket's commands (a
// drain), so it sleeps on the refusal just made and tries again after each signal, and that
// refusal stays its hold's last native call whatever ends the wait, as the park after it relies on
// (RetryOrParkHeld). Every other receive spins.
//
// The price, and why it is adaptive. A spin that catches nothing costs the CPU of its yields and
// attempts (each attempt processes the socket's commands: tens of microseconds in all), a wait that
// catches nothing holds its thread for the whole wait, on top of the park neither avoided. A socket
// whose peer answers in milliseconds would pay that on every wait for nothing. So each direction
// remembers whether its spins or waits caught anything: a catch gives it MaxCredit
// more spins; a miss takes one away; with no credit left it parks at once and spins again only on
// every ProbeInterval-th park, to notice when the traffic changes. A slow peer thus costs one
// failed spin or wait in ProbeInterval parks; a tight exchange spins or waits on every one. A wait
// that gives its thread back to the pool (work queued, or another socket's completion kicked it)
// counts as a miss too, on purpose: in a process whose pool keeps needing its threads (a service
// with many busy sockets), holding a thread is not what pays, and the direction stops trying until
// a probe finds the pool idle again. Each
// history is changed only by the holder of its direction's turn, so it needs no synchronization.
// Nothing spins or waits while parked: the CPU a parked operation uses stays nothing per second.
//
// Neither spins nor waits: anything on the reactor's thread (a continuation in the inline mode: the reactor
// serves every socket of the process, and a spin there would hold up all of them; AsyncSpin turns
// both off in the inline mode by default, where the spin measured slower), thread-safe
// (draft) sockets (their calls run without the exclusive gate and their readiness comes from a
// private poller, SocketAsyncContext.ThreadSafe.cs), operations that queued behind others (the head
// in front of them is the one waiting for the peer), and retries after a wake (the reactor's edge
// already said the peer answered). Both stop early when the other direction parks meanwhile (every
// release would then read ZMQ_EVENTS for it) and on cancellation (it ends without the park).
internal sealed partial class SocketAsyncContext
{
    /// <summary>What a spin or wait before parking ended with.</summary>
    private enum SpinOutcome
    {
        /// <summary>An attempt succeeded; the engine still holds the gate, the direction's turn is held.</summary>
        Ran,

        /// <summary>Every attempt was refused (or none was due); the engine holds the gate, the direction's turn is held.</summary>
        Refused,

        /// <summary>The gate was taken by someone else; only the direction's turn is held.</summary>
        GateTaken,

        /// <summary>The operation was cancelled; the engine holds the gate (no native call made under it), the direction's turn is held.</summary>
        Cancelled,
    }

    /// <summary>One direction's record of whether its spins or waits before parking paid off.</summary>
    internal struct SpinHistory
    {
        /// <summary>Spins left before this direction parks at once (a catch refills it).</summary>
        private int _credit;

        /// <summary>Parks without a spin since the last probe.</summary>
        private int _parksSinceProbe;

        /// <summary>Spins started and spins that ended in a successful attempt (tests).</summary>
        public int Started, Caught;

        public const int MaxCredit = 4;
        public const int ProbeInterval = 16;

        /// <summary>Whether this park should spin first (and counts it if so).</summary>
        public bool ShouldSpin()
        {
            if (_credit == 0 && ++_parksSinceProbe < ProbeInterval)
            {
                return false;
            }
            _parksSinceProbe = 0;
            Started++;
            return true;
        }

        public void Record(bool caught)
        {
            if (caught)
            {
                _credit = MaxCredit;
                Caught++;
            }
            else if (_credit > 0)
            {
                _credit--;
            }
        }

        /// <summary>A fresh direction spins or waits on its first parks, as if it had just caught one.</summary>
        public static SpinHistory Fresh => new() { _credit = MaxCredit };
    }

    private SpinHistory _receiveSpin = SpinHistory.Fresh;

    /// <summary>
    /// Tests only: runs on the spinning thread each time it has let go of the gate and is about to yield.
    /// </summary>
    internal Action? SpinYieldHook;

    /// <summary>Receive spins started and receive spins that caught their frame (tests: plain reads, for after the operations ended).</summary>
    internal (int Started, int Caught) ReceiveSpinCounts => (_receiveSpin.Started, _receiveSpin.Caught);

    /// <summary>
    /// The fast path's receive was refused, with the gate and the receive turn held: if the socket's
    /// history says so, repeats the attempt up to
    /// <see cref="AsyncSpin.Yields"/> times, yielding the CPU and the gate before each (the file's
    /// argument). <paramref name="mark"/> is the edge count read before the last attempt made.
    /// Exceptions come only from an attempt, with the gate held.
    /// </summary>
    private SpinOutcome SpinBeforeReceivePark<TAttempt, TResult>(TAttempt attempt, ref int mark, out TResult result, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        Debug.Assert((Volatile.Read(ref _gate) & (GateHeld | GateHeldByEngine | GateReceiveTurn)) == (GateHeld | GateHeldByEngine | GateReceiveTurn),
            "the engine holds the gate and the receive turn");
        result = default!;
        int yields = AsyncSpin.Yields; // a bad setting was refused at the operation's entry (RunAsync)
        if (yields <= 0 || ZmqReactor.OnReactorThread || !_receiveSpin.ShouldSpin())
        {
            return SpinOutcome.Refused;
        }
        for (int i = 0; i < yields; i++)
        {
            ExitEngine();
            RunSpinYieldHook();
            Thread.Yield();
            if (RetakeEngineOrStop(ref _receiveSpin, cancellationToken) is SpinOutcome stop)
            {
                return stop;
            }
            mark = Volatile.Read(ref _readiness)?.Edges.Count ?? 0;
            _socket.ThrowIfDisposed();
            bool ran = attempt.TryRun(_socket, out result);
            NoteNativeCallInHold(refusedReceive: !ran);
            if (ran)
            {
                _receiveSpin.Record(caught: true);
                return SpinOutcome.Ran;
            }
            if (Volatile.Read(ref _gate) >= GateParkedUnit)
            {
                // The other direction parked meanwhile: every further release would read ZMQ_EVENTS
                // for it, the cost the fast path avoids by not starting in this state. Park now. Only
                // after an attempt under this hold: the park may take that refusal for its drain (if
                // the other waiter leaves meanwhile, RetryOrParkHeld skips its read), so the refusal
                // must be this hold's, or a frame whose signal the other's release consumed is lost.
                break;
            }
        }
        _receiveSpin.Record(caught: false);
        return SpinOutcome.Refused;
    }

    /// <summary>
    /// After a spin's yield or a wait's sleep: takes the gate back (null), or says what ends the spin
    /// or wait, counted as a miss in <paramref name="history"/>: the gate taken by someone else, or
    /// the operation cancelled (with the gate held and no native call under this hold: ending here,
    /// rather than parking on a drain that was not made, keeps rule 3 exact).
    /// </summary>
    private SpinOutcome? RetakeEngineOrStop(ref SpinHistory history, CancellationToken cancellationToken)
    {
        SpinOutcome? stop = !TryEnterEngine() ? SpinOutcome.GateTaken
            : cancellationToken.IsCancellationRequested ? SpinOutcome.Cancelled
            : null;
        if (stop is not null)
        {
            history.Record(caught: false);
        }
        return stop;
    }

    /// <summary>
    /// One direction's wait on the socket's descriptor before parking: its history, the kick it
    /// publishes while it sleeps, and its counts (tests).
    /// </summary>
    internal struct DescriptorWaitState
    {
        public SpinHistory History;

        /// <summary>The kick of this direction's wait sleeping now, or <see cref="NoKick"/>; set only by the direction's turn holder.</summary>
        public int Kick;

        /// <summary>Sleeps that the budget's end woke (no signal, no kick), and failed ppolls.</summary>
        public int Timeouts;

        /// <summary>Waits that got a kick for a sleep.</summary>
        public int SleepsPrepared;

        /// <summary>How long this direction's next wait may last, in <see cref="Stopwatch"/> ticks (AsyncSpin's budget rule).</summary>
        public long BudgetTicks;

        /// <summary>
        /// The longest this direction's budget grows: a send's to <see cref="AsyncSpin.DescriptorWaitMaxTicks"/>
        /// (room comes when the I/O thread has drained half the pipe, which takes longer for larger
        /// frames); a receive's stays at the first budget (a frame that comes later is a slow feed,
        /// where a park's hand-off costs little against the gap, and a thread held for each would not).
        /// </summary>
        public long MaxBudgetTicks;

        /// <summary>Tests only: <see cref="BudgetTicks"/> was set and stays, and is slept in one slice (<see cref="DescriptorWaitBudget"/>).</summary>
        public bool FixedBudget;

        /// <summary>
        /// A wait that began at <paramref name="start"/> with <paramref name="budget"/> ticks caught
        /// its frame or room: counted, and one that needed more than half its budget doubles the
        /// next one, up to <see cref="MaxBudgetTicks"/>.
        /// </summary>
        public void Caught(long start, long budget)
        {
            History.Record(caught: true);
            if (!FixedBudget && Stopwatch.GetTimestamp() - start > budget / 2)
            {
                BudgetTicks = Math.Min(budget * 2, Math.Max(budget, MaxBudgetTicks));
            }
        }

        /// <summary>A wait spent its whole <paramref name="budget"/>: the next one gets half, down to <see cref="AsyncSpin.DescriptorWaitTicks"/>.</summary>
        public void SpentAll(long budget)
        {
            if (!FixedBudget)
            {
                BudgetTicks = Math.Min(budget, Math.Max(budget / 2, AsyncSpin.DescriptorWaitTicks));
            }
        }

        public static DescriptorWaitState Fresh(bool receiving) => new()
        {
            History = SpinHistory.Fresh,
            Kick = NoKick,
            BudgetTicks = AsyncSpin.DescriptorWaitTicks,
            MaxBudgetTicks = receiving ? AsyncSpin.DescriptorWaitTicks : AsyncSpin.DescriptorWaitMaxTicks,
        };
    }

    private DescriptorWaitState _sendWait = DescriptorWaitState.Fresh(receiving: false);
    private DescriptorWaitState _receiveWait = DescriptorWaitState.Fresh(receiving: true);

    private ref DescriptorWaitState WaitOf(bool receiving) => ref receiving ? ref _receiveWait : ref _sendWait;

    /// <summary>Send waits started and send waits that ended in a successful attempt (tests: plain reads, for after the operations ended).</summary>
    internal (int Started, int Caught) SendWaitCounts => (_sendWait.History.Started, _sendWait.History.Caught);

    /// <summary>Receive waits started and receive waits that ended in a successful attempt (tests: plain reads, for after the operations ended).</summary>
    internal (int Started, int Caught) ReceiveWaitCounts => (_receiveWait.History.Started, _receiveWait.History.Caught);

    /// <summary>
    /// Whether a refused receive waits on the socket's descriptor rather than spinning (the file's
    /// argument): a socket that only receives (PULL, SUB) and has no inproc endpoint, on Linux.
    /// </summary>
    private bool ReceiveWaitsOnDescriptor =>
        _receivesOnly && Volatile.Read(ref _inprocEndpoint) == 0 && DescriptorWait.Available;

    /// <summary>A socket type with no sends of its own to be answered: its receives are a stream.</summary>
    private readonly bool _receivesOnly;

    private int _inprocEndpoint;

    /// <summary>
    /// The socket binds or connects an inproc endpoint: its peers include application threads of
    /// this process, which the receive's yields hand the CPU to, so its receives spin (set once, for
    /// good: an unbind does not say that no inproc peer is left).
    /// </summary>
    internal void NoteInprocEndpoint() => Volatile.Write(ref _inprocEndpoint, 1);

    /// <summary>
    /// The fast path's attempt was refused, with the gate and the direction's turn held: if the
    /// direction's history says so, waits on the socket's own signal, up to the direction's budget
    /// (<see cref="AsyncSpin.DescriptorWaitNanoseconds"/>) in all, retrying after each signal (the
    /// file's argument). <paramref name="mark"/> is the edge count read before the last attempt
    /// made. Exceptions come only from an attempt, with the gate held.
    /// </summary>
    private SpinOutcome WaitBeforePark<TAttempt, TResult>(TAttempt attempt, bool receiving, ref int mark, out TResult result, CancellationToken cancellationToken)
        where TAttempt : struct, IAsyncAttempt<TResult>
    {
        int turn = receiving ? GateReceiveTurn : GateSendTurn;
        Debug.Assert((Volatile.Read(ref _gate) & (GateHeld | GateHeldByEngine | turn)) == (GateHeld | GateHeldByEngine | turn),
            "the engine holds the gate and the direction's turn");
        ref DescriptorWaitState wait = ref WaitOf(receiving);
        result = default!;
        if (AsyncSpin.Yields <= 0 || !DescriptorWait.Available || ZmqReactor.OnReactorThread || !CallerMayBlock() || !wait.History.ShouldSpin())
        {
            return SpinOutcome.Refused;
        }
        Debug.Assert(Volatile.Read(ref wait.Kick) == NoKick, "a direction's wait publishes its kick only while it runs, and one runs at a time (the turn)");
        // The kick, its listing for KickEveryWait and the cancellation's registration are made only
        // before the first sleep: a wait that ends at its first ZMQ_EVENTS read (room already made,
        // refused while writable) or at a first pool check that finds work queued (a busy service)
        // takes no lock for them. The check is made again after the listing, which is the one the
        // wait relies on.
        int kick = NoKick;
        bool listed = false;
        int poolKicksAtListing = 0;
        CancellationTokenRegistration cancelKick = default;
        try
        {
            long budget = wait.BudgetTicks;
            long start = Stopwatch.GetTimestamp();
            long deadline = start + budget;
            bool slept = false;
            bool signalled = false; // the last sleep ended on the socket's signal or a kick, not its slice's end
            bool failed = false;
            while (true)
            {
                if (receiving)
                {
                    // A refused receive drains the socket (libzmq processes its commands before it
                    // refuses), so the wait sleeps on the refusal just made: the fast path's, then
                    // its own after each sleep. That refusal stays this hold's last native call
                    // whatever ends the wait, as the park relies on (SpinBeforeReceivePark says why).
                    if (slept)
                    {
                        mark = Volatile.Read(ref _readiness)?.Edges.Count ?? 0;
                        bool ran = attempt.TryRun(_socket, out result);
                        NoteNativeCallInHold(refusedReceive: !ran);
                        if (ran)
                        {
                            wait.Caught(start, budget);
                            return SpinOutcome.Ran;
                        }
                    }
                    if (failed || Volatile.Read(ref _gate) >= GateParkedUnit)
                    {
                        break; // ppoll failed, or another operation parked: park (see the send's)
                    }
                }
                else
                {
                    if (failed || Volatile.Read(ref _gate) >= GateParkedUnit)
                    {
                        // ppoll failed, or another operation parked, whose judging (a deaf waiter's edge among it)
                        // belongs to the park path's release: park, whose own ZMQ_EVENTS read
                        // drains and retries as this wait would.
                        break;
                    }
                    // A refused send does not process the socket's commands (libzmq throttles that
                    // on send); ZMQ_EVENTS does, and says whether the room came. After a slice that
                    // ended with no signal there is nothing new to read.
                    if ((!slept || signalled) && (ReadEventsForEngine() & LibZmq.ZMQ_POLLOUT) != 0)
                    {
                        mark = Volatile.Read(ref _readiness)?.Edges.Count ?? 0;
                        bool ran = attempt.TryRun(_socket, out result);
                        NoteNativeCallInHold();
                        if (ran)
                        {
                            wait.Caught(start, budget);
                            return SpinOutcome.Ran;
                        }
                        break; // refused while writable (XPUB_NODROP and the like): the park handles that
                    }
                }
                long remaining = deadline - Stopwatch.GetTimestamp();
                if (remaining <= 0 && slept)
                {
                    // Whatever ended its last slice (a kick that brought nothing, a signal that was
                    // not this direction's), the wait caught nothing in its budget.
                    wait.SpentAll(budget);
                    break; // out of time: park, which drains and retries as this wait would
                }
                if (kick == NoKick)
                {
                    if (ThreadPoolNeedsThread())
                    {
                        break; // as below, before anything is set up for a sleep that will not come
                    }
                    if (!TryPrepareSleep(receiving, cancellationToken, out kick, out listed, out poolKicksAtListing, out cancelKick))
                    {
                        break; // no eventfd to be kicked through (out of descriptors): park
                    }
                    // Published before the first release and kept until the wait ends (its
                    // finally): whoever takes the gate after it and drains the socket's signal
                    // kicks this wait when it lets go (KickWaits), also between two slices, while
                    // this thread is on its way back to the gate (so a send that skips its read
                    // after a silent slice still hears of a drain). So does this wait's own release
                    // when it is not the plain one: judging waiters parked meanwhile (or closing a
                    // disposed socket) drains the signal, and the kick it writes ends the sleep at
                    // once. A full fence: a cancellation after it finds the kick published, one
                    // before it is seen before the sleep.
                    Interlocked.Exchange(ref wait.Kick, kick);
                }
                if (ThreadPoolNeedsThread() || (listed && DescriptorWait.PoolKicks != poolKicksAtListing))
                {
                    // The thread pool has work queued, or a completion was queued since the
                    // listing (its kick woke this wait; another worker may have taken it since,
                    // but more may follow, and a wait that slept again would wake once per
                    // completion): this thread may be the one the pool needs (with as few workers
                    // as CPUs, the continuation that would make a send's room can be the work
                    // waiting), so it parks instead of sleeping. Read after the listing, and again
                    // after each slice: work queued after this read kicks the listed wait if it is
                    // a completion, and waits at most a slice otherwise. A wait looks at its
                    // descriptor at least once, however late it got here: a thread preempted on a
                    // loaded CPU can lose its whole budget before its first sleep.
                    break;
                }
                slept = true;
                ExitEngine(ownWait: turn);
                RunSpinYieldHook();
                DescriptorWait.Outcome outcome = cancellationToken.IsCancellationRequested
                    ? DescriptorWait.Outcome.Signalled
                    : DescriptorWait.WaitReadable(_socket.Descriptor, kick, Math.Clamp(remaining, 0, wait.FixedBudget ? budget : AsyncSpin.DescriptorWaitSliceTicks));
                signalled = outcome == DescriptorWait.Outcome.Signalled;
                if (outcome == DescriptorWait.Outcome.TimedOut && Stopwatch.GetTimestamp() - deadline >= 0)
                {
                    // Counted whatever the attempt after it finds: a wait woken by its budget's
                    // end rather than by the signal or kick it was owed is what the tests look for.
                    Interlocked.Increment(ref wait.Timeouts);
                }
                if (RetakeEngineOrStop(ref wait.History, cancellationToken) is SpinOutcome stop)
                {
                    return stop;
                }
                _socket.ThrowIfDisposed();
                if (outcome == DescriptorWait.Outcome.Failed)
                {
                    // ppoll failed: never sleep again at once, which would spin. The loop's top
                    // parks after the receive's attempt (its refusal is then this hold's drain).
                    Interlocked.Increment(ref wait.Timeouts);
                    failed = true;
                }
            }
            wait.History.Record(caught: false);
            return SpinOutcome.Refused;
        }
        finally
        {
            if (kick != NoKick)
            {
                // Unpublished here too: an exception between the publish and the wake must not
                // leave this socket's releases kicking an eventfd that goes back to the pool.
                Volatile.Write(ref wait.Kick, NoKick);
                // Waits for a callback in flight. A kick it or anyone else wrote that no sleep
                // drained is drained by the pool when the eventfd is rented next (DescriptorWait).
                cancelKick.Dispose();
                if (listed)
                {
                    DescriptorWait.EndWait(kick);
                }
                DescriptorWait.ReturnKick(kick);
            }
        }
    }

    /// <summary>
    /// Before a wait's first sleep: rents its kick, lists it for <see cref="DescriptorWait.KickEveryWait"/>
    /// (only a wait on a pool thread with the real pool check is reachable that way: tests that stand
    /// the check in keep other tests' completions from waking theirs), and registers the cancellation,
    /// which kicks the published wait (none registered for a token that cannot be cancelled). False
    /// when no eventfd can be made. Whatever it made is in its out values, for the caller's cleanup,
    /// also if it throws.
    /// </summary>
    private bool TryPrepareSleep(bool receiving, CancellationToken cancellationToken, out int kick, out bool listed, out int poolKicksAtListing,
        out CancellationTokenRegistration cancelKick)
    {
        listed = false;
        poolKicksAtListing = 0;
        cancelKick = default;
        kick = DescriptorWait.RentKick();
        if (kick < 0)
        {
            kick = NoKick;
            return false;
        }
        WaitOf(receiving).SleepsPrepared++;
        if (ThreadPoolBusyHook is null && Thread.CurrentThread.IsThreadPoolThread)
        {
            listed = true; // first: if the listing throws (out of memory), EndWait finds nothing to remove
            poolKicksAtListing = DescriptorWait.BeginWait(kick); // a completion counted after it kicks the wait
        }
        // Kicks both directions' waits: the other's, if one sleeps, wakes once for nothing and sleeps again.
        cancelKick = cancellationToken.UnsafeRegister(static context => ((SocketAsyncContext)context!).KickWaits(GateSendTurn | GateReceiveTurn), this);
        return true;
    }

    /// <summary>
    /// Whether the calling thread may be held for a wait: not when it has a synchronization
    /// context (a UI thread, whose loop of awaited receives would then never give its dispatcher
    /// a turn while frames keep coming within each budget) or runs a task scheduler other than
    /// the thread pool's (a scheduler of limited concurrency, whose other tasks would wait). Those
    /// park at once, as the task-based pattern leads them to expect.
    /// </summary>
    private static bool CallerMayBlock() =>
        SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default;

    /// <summary>
    /// Whether this is a thread-pool thread and the pool has work queued, which a sleeping wait
    /// would be holding up (a thread of the caller's own holds up nothing of the pool's). Tests of
    /// the wait itself replace it (<see cref="ThreadPoolBusyHook"/>): the test runner's own pool is
    /// rarely idle.
    /// </summary>
    private bool ThreadPoolNeedsThread() =>
        ThreadPoolBusyHook?.Invoke() ?? (Thread.CurrentThread.IsThreadPoolThread && ThreadPool.PendingWorkItemCount != 0);

    /// <summary>Tests only: stands for the thread pool's queue in <see cref="ThreadPoolNeedsThread"/>.</summary>
    internal Func<bool>? ThreadPoolBusyHook;

    /// <summary>
    /// Tests only: how long this socket's waits on its descriptor last in all, fixed. A test that
    /// needs the wait to last until an event (a kick, a completion) sets it long, so that a thread
    /// preempted for longer than the default budget on a loaded machine still sleeps and is woken
    /// by the event, not by the clock.
    /// </summary>
    internal TimeSpan DescriptorWaitBudget
    {
        set
        {
            long ticks = (long)(Math.Clamp(value.TotalSeconds, 0, TimeSpan.FromDays(1).TotalSeconds) * Stopwatch.Frequency);
            _sendWait.BudgetTicks = _receiveWait.BudgetTicks = ticks;
            // A fixed budget is slept in one slice: a kick that never comes then costs the whole
            // budget (a timeout the test sees), not one slice that the next attempt quietly recovers.
            _sendWait.FixedBudget = _receiveWait.FixedBudget = true;
        }
    }

    /// <summary>Tests: the budget the next wait of a direction gets (a plain read, for after the operations ended).</summary>
    internal TimeSpan NextWaitBudget(bool receiving) => Stopwatch.GetElapsedTime(0, WaitOf(receiving).BudgetTicks);

    private const int NoKick = -1;

    /// <summary>Tests: how many send waits got a kick for a sleep (a plain read, for after the operations ended).</summary>
    internal int SendWaitSleepsPrepared => _sendWait.SleepsPrepared;

    /// <summary>Tests: how many of the send's sleeps the budget's end woke (no signal, no kick), or saw ppoll fail.</summary>
    internal int SendWaitTimeouts => Volatile.Read(ref _sendWait.Timeouts);

    /// <summary>Tests: how many receive waits got a kick for a sleep (a plain read, for after the operations ended).</summary>
    internal int ReceiveWaitSleepsPrepared => _receiveWait.SleepsPrepared;

    /// <summary>Tests: how many of the receive's sleeps the budget's end woke (no signal, no kick), or saw ppoll fail.</summary>
    internal int ReceiveWaitTimeouts => Volatile.Read(ref _receiveWait.Timeouts);

    /// <summary>
    /// Whether a wait of a direction in <paramref name="turns"/> (turn bits of the gate word) has a
    /// kick published: the release paths' test before <see cref="KickWaits"/>, inlined in them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool HasWaitToKick(int turns) =>
        ((turns & GateSendTurn) != 0 && Volatile.Read(ref _sendWait.Kick) != NoKick)
        || ((turns & GateReceiveTurn) != 0 && Volatile.Read(ref _receiveWait.Kick) != NoKick);

    /// <summary>
    /// The gate was let go while the turns in <paramref name="turns"/> were held: wake the waits of
    /// those directions sleeping on the socket's signal, since this holder's calls may have drained
    /// it. A kick is never closed (DescriptorWait.cs), so writing it after the gate's release, with
    /// the socket perhaps disposed meanwhile, is safe. Never throws.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void KickWaits(int turns)
    {
        if ((turns & GateSendTurn) != 0 && Volatile.Read(ref _sendWait.Kick) is int sendKick and not NoKick)
        {
            DescriptorWait.Kick(sendKick);
        }
        if ((turns & GateReceiveTurn) != 0 && Volatile.Read(ref _receiveWait.Kick) is int receiveKick and not NoKick)
        {
            DescriptorWait.Kick(receiveKick);
        }
    }

    /// <summary>
    /// Runs the tests' hook, which must not throw through the engine: it runs without the gate, and
    /// the caller's handlers release a gate it holds. What it throws is kept for the test to check.
    /// </summary>
    private void RunSpinYieldHook()
    {
        Action? hook = SpinYieldHook;
        if (hook is null)
        {
            return;
        }
        try
        {
            hook();
        }
        catch (Exception e)
        {
            SpinYieldHookFailure ??= e;
        }
    }

    /// <summary>Tests only: the first exception <see cref="SpinYieldHook"/> threw, if any.</summary>
    internal Exception? SpinYieldHookFailure;
}

/// <summary>
/// How many times a refused receive yields and tries again before it parks (the argument in
/// SocketAsyncContext.Spin.cs): <see cref="DefaultYields"/> (0 in the inline mode), or the environment variable
/// <c>ZMQ_ASYNC_SPIN</c> (0 turns spinning and the waits off; empty or blank is unset; spaces
/// around the number are ignored), read once per process. A bad value fails every async operation with <see cref="Invalid"/>.
/// </summary>
internal static class AsyncSpin
{
    /// <summary>The environment variable that sets the number of yields.</summary>
    public const string Variable = "ZMQ_ASYNC_SPIN";

    /// <summary>Yields when the variable is not set: enough for a peer on the same CPU to answer.</summary>
    public const int DefaultYields = 16;

    /// <summary>
    /// How long a refused operation waits on its socket's signal before it parks, in all, at
    /// first and at least: long enough for libzmq's I/O thread to drain half a pipe of small
    /// messages into a loaded tcp connection (the low-water mark, after which it signals room),
    /// and no longer, since a wait that catches nothing blocks its caller that long. Larger
    /// frames take longer to drain: a send whose wait caught only in the second half of its
    /// budget doubles the next one, up to <see cref="DescriptorWaitMaxNanoseconds"/>; one whose
    /// wait spent it all halves it, down to this. Measured: half the waits of a 64 KiB tcp sender
    /// spent a fixed 5 ms, and its stream ran 0.85x the blocking one; a 20 ms budget caught them
    /// all, at par, but a fixed 20 ms held a sender to a peer that never reads four times longer.
    /// A receive's budget never grows (DescriptorWaitState.MaxBudgetTicks says why).
    /// </summary>
    public const long DescriptorWaitNanoseconds = 5_000_000;

    /// <summary><see cref="DescriptorWaitNanoseconds"/> in <see cref="Stopwatch"/> ticks.</summary>
    public static readonly long DescriptorWaitTicks = DescriptorWaitNanoseconds * Stopwatch.Frequency / 1_000_000_000;

    /// <summary>The longest a wait's budget grows to (<see cref="DescriptorWaitNanoseconds"/> says how).</summary>
    public const long DescriptorWaitMaxNanoseconds = 40_000_000;

    /// <summary><see cref="DescriptorWaitMaxNanoseconds"/> in <see cref="Stopwatch"/> ticks.</summary>
    public static readonly long DescriptorWaitMaxTicks = DescriptorWaitMaxNanoseconds * Stopwatch.Frequency / 1_000_000_000;

    /// <summary>
    /// The longest single sleep of a wait: between slices it looks at the thread pool's queue
    /// again, so work queued meanwhile that kicks nobody (the caller's own, not a parked
    /// operation's continuation) waits at most this long for a pool thread a wait holds. Longer
    /// than a scheduler tick (4 ms at Linux's usual 250 Hz), so that its timer is rarely the next
    /// one due on its CPU: a sooner one makes the kernel reprogram the CPU's timer for each sleep
    /// and again when a signal ends it, which in a virtual machine is a trip to the hypervisor
    /// (measured: 1 ms sleeps, or 100 µs slices, held a 64 B tcp stream 15-20 % below 4 or 5 ms
    /// ones, with the same number of waits and no parks).
    /// </summary>
    public const long DescriptorWaitSliceNanoseconds = 5_000_000;

    /// <summary><see cref="DescriptorWaitSliceNanoseconds"/> in <see cref="Stopwatch"/> ticks.</summary>
    public static readonly long DescriptorWaitSliceTicks = DescriptorWaitSliceNanoseconds * Stopwatch.Frequency / 1_000_000_000;

    /// <summary>The largest number accepted: a spin stays a matter of microseconds.</summary>
    public const int MaxYields = 1000;

    private static readonly string? s_value = Environment.GetEnvironmentVariable(Variable);

    /// <summary>The number of yields; -1 when the variable holds something else (<see cref="Invalid"/> says what).</summary>
    public static int Yields { get; } = Parse(s_value);

    private static int Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            // In the inline mode a woken continuation already runs on the thread that heard the
            // socket, with no hand-off for a spin to save; measured there, spinning cost a round
            // trip about a tenth. The waits go off with it (not measured in that mode).
            return InlineCompletions.Enabled ? 0 : DefaultYields;
        }
        return int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int yields) && yields <= MaxYields
            ? yields
            : -1;
    }

    /// <summary>The number of yields, or the error the variable's value is.</summary>
    /// <exception cref="InvalidOperationException">The variable is not a whole number from 0 to <see cref="MaxYields"/>.</exception>
    public static int Checked => Yields >= 0 ? Yields : throw Invalid();

    /// <summary>The error a bad setting is: names the variable and its value. Every async operation returns it.</summary>
    public static InvalidOperationException Invalid() =>
        new($"{Variable}='{s_value}' is not a number of yields from 0 to {MaxYields} (0 turns spinning before a park off).");
}
