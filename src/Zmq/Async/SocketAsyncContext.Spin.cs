using System.Diagnostics;

namespace Zmq;

// Spinning before parking: a refused receive gives the peer a few chances to answer before it
// parks, on a socket where that paid off recently.
//
// Why. A parked operation comes back through two thread hand-offs (the reactor hears ZMQ_FD, the
// thread pool runs the continuation, Async/InlineCompletions.cs), where a blocking call has one: on
// a request-reply round trip that doubled what awaiting cost over blocking. The answer usually comes
// within microseconds, often from a thread that only needs the CPU this caller is holding. So when
// the fast path's receive is refused, the operation lets go of the gate (never of its direction's
// turn: the receives keep their order), yields its CPU (Thread.Yield: on a loaded or single CPU the
// peer runs now), takes the gate again and repeats the attempt, at most AsyncSpin.Yields times. Each
// repetition is exactly a fast-path attempt with the turn already held: the edge mark is read before
// it, and libzmq processes the socket's commands before it refuses a non-blocking receive, so each
// sees what arrived. Every release in between is an ordinary ExitEngine, which judges the waiters
// parked meanwhile (rule 3 of SocketAsyncContext.cs), so no wake-up is lost; when the repetitions
// run out the receive parks exactly as before, on the mark of its last attempt. If the gate is taken
// when it comes back (a synchronous call, the reactor, a disposal) it stops at once and goes on as
// the direction's head, which parks and asks the holder to check (rule 2).
//
// Which operations spin: receives, not sends. A send waits at the high-water mark for a reader to
// drain the pipe, and over tcp that reader is libzmq's I/O thread, which works best in large
// batches: a sender that kept yielding and retrying interleaved with it message by message.
// Measured (interleaved A/B runs with ZMQ_ASYNC_SPIN=0, and bench/results/async.md): spinning
// receives took an awaited inproc round trip on one CPU from 2.0x to 1.1x the blocking one and an
// awaited tcp round trip below the blocking one, and sped up small inproc streams; a 64 B tcp
// stream whose sender spun at the high-water mark ran at three quarters of its speed without.
//
// The price, and why it is adaptive. A spin that catches nothing costs the CPU of its yields and
// attempts (each attempt processes the socket's commands: tens of microseconds in all) on top of
// the park it did not avoid. A socket whose answers take milliseconds would pay that on every wait
// for nothing. So the socket remembers whether its spins caught anything: a catch gives it MaxCredit
// more spins; a miss takes one away; with no credit left it parks at once and spins again only on
// every ProbeInterval-th park, to notice when the traffic changes. A slow peer thus costs one
// failed spin in ProbeInterval waits; a tight exchange spins on every one. The history is changed
// only by the holder of the receive turn, so it needs no synchronization. Nothing
// spins while parked: the CPU a parked operation uses stays nothing per second.
//
// Not spun besides: anything on the reactor's thread (a continuation in the inline mode: the reactor
// serves every socket of the process, and a spin there would hold up all of them), thread-safe
// (draft) sockets (their calls run without the exclusive gate and their readiness comes from a
// private poller, SocketAsyncContext.ThreadSafe.cs), receives that queued behind others (the head in
// front of them is the one waiting for the peer), and retries after a wake (the reactor's edge
// already said the peer answered). A spin stops early when the other direction parks meanwhile
// (every release would then read ZMQ_EVENTS for it) and on cancellation (it ends without the park).
internal sealed partial class SocketAsyncContext
{
    /// <summary>What a spin before parking ended with.</summary>
    private enum SpinOutcome
    {
        /// <summary>An attempt succeeded; the engine still holds the gate, the receive turn is held.</summary>
        Ran,

        /// <summary>Every attempt was refused (or no spin was due); the engine holds the gate, the receive turn is held.</summary>
        Refused,

        /// <summary>The gate was taken by someone else; only the receive turn is held.</summary>
        GateTaken,

        /// <summary>The operation was cancelled; the engine holds the gate (no native call made under it), the receive turn is held.</summary>
        Cancelled,
    }

    /// <summary>The socket's record of whether its receives' spins paid off.</summary>
    private struct SpinHistory
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

        /// <summary>A fresh socket spins on its first parks, as if it had just caught one.</summary>
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
            if (!TryEnterEngine())
            {
                _receiveSpin.Record(caught: false);
                return SpinOutcome.GateTaken;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                // No native call under this hold: ending here, rather than parking on a drain that
                // was not made, keeps rule 3 exact.
                _receiveSpin.Record(caught: false);
                return SpinOutcome.Cancelled;
            }
            if (Volatile.Read(ref _gate) >= GateParkedUnit)
            {
                // The other direction parked meanwhile: every further release would read ZMQ_EVENTS
                // for it, the cost the fast path avoids by not starting in this state. Park now (its
                // park reads ZMQ_EVENTS, a drain after this hold's calls, so the waiter is judged).
                break;
            }
            mark = Volatile.Read(ref _readiness)?.Edges.Count ?? 0;
            _socket.ThrowIfDisposed();
            if (attempt.TryRun(_socket, out result))
            {
                _receiveSpin.Record(caught: true);
                return SpinOutcome.Ran;
            }
        }
        _receiveSpin.Record(caught: false);
        return SpinOutcome.Refused;
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
/// <c>ZMQ_ASYNC_SPIN</c> (0 turns spinning off; empty is unset; spaces around the number are
/// ignored), read once per process. A bad value fails every async operation with <see cref="Invalid"/>.
/// </summary>
internal static class AsyncSpin
{
    /// <summary>The environment variable that sets the number of yields.</summary>
    public const string Variable = "ZMQ_ASYNC_SPIN";

    /// <summary>Yields when the variable is not set: enough for a peer on the same CPU to answer.</summary>
    public const int DefaultYields = 16;

    /// <summary>The largest number accepted: a spin stays a matter of microseconds.</summary>
    public const int MaxYields = 1000;

    private static readonly string? s_value = Environment.GetEnvironmentVariable(Variable);

    /// <summary>The number of yields; -1 when the variable holds something else (<see cref="Invalid"/> says what).</summary>
    public static int Yields { get; } = Parse(s_value);

    private static int Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            // In the inline mode a woken continuation already runs on the thread that heard the
            // socket, with no hand-off for a spin to save; measured there, spinning cost a round
            // trip about a tenth.
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
