using System.Diagnostics;

namespace Zmq;

// Inline completions: an opt-in mode in which the reactor thread runs the continuations of the
// operations it wakes, instead of handing each to the thread pool.
//
// Why. By default a parked operation costs two thread hand-offs on its way back: the reactor wakes
// (epoll/poll on the socket's descriptor), completes the waiter, and the thread pool wakes a worker
// to run the continuation. A blocking call costs one (the caller's own thread wakes). On a request-
// reply round trip that second hand-off is most of the difference between awaiting and blocking.
// Running the continuation on the thread that heard the socket removes it: it is what
// dotnet/runtime's DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS does for its epoll thread.
//
// The price, and why it is opt-in (DESIGN §7: continuations run on the thread pool). The reactor is
// one thread for the whole process: while a continuation runs on it no other socket's operation
// completes. A continuation that blocks (a synchronous call that waits, Thread.Sleep, a lock held
// elsewhere, .Result on another awaited operation) stalls every async operation in the process,
// and if it waits for an operation only the reactor can complete, for ever. So the mode is for
// programs whose continuations run briefly and await everything that waits.
//
// Why it never runs user code under a gate. A readiness check completes waiters while it holds the
// socket's gate (ZmqSocket.Gate.cs). On the reactor thread in this mode the completion is only
// recorded (Defer); the waiter has left Parked by its compare-and-swap, so no other completion,
// cancellation or disposal can touch it, and its owner's await stays pending. After the reactor's
// wait has been dispatched and every gate it took was released, RunDeferred completes them, and each
// continuation runs there, on the reactor thread, holding nothing. A completion made on any other
// thread (a gate released by a user call, a cancellation) goes to the thread pool as before.
// Continuations that run inline may complete further waiters (their own calls release gates): those
// are deferred onto the same list and run in the same pass. An exception a continuation throws is
// reported through ZmqDiagnostics and the pass goes on: the loop must not fail the other waiters.
// Continuations that captured a SynchronizationContext or TaskScheduler still run there (the
// ValueTask source posts to them whatever this mode says).

/// <summary>
/// The opt-in mode in which the reactor runs woken operations' continuations itself (see the file's
/// argument): the switch, and the reactor thread's list of completions waiting for its gates to be
/// released.
/// </summary>
internal static class InlineCompletions
{
    /// <summary>Environment variable that turns the mode on: <c>1</c> or <c>true</c>.</summary>
    public const string Variable = "ZMQ_ASYNC_INLINE_COMPLETIONS";

    /// <summary>The same switch as an AppContext switch (runtimeconfig.json, or AppContext.SetSwitch before the first async call).</summary>
    public const string Switch = "Zmq.Async.InlineCompletions";

    [ThreadStatic]
    private static List<AsyncWaiter>? t_deferred;

    /// <summary>Whether the mode is on; read once per process, when the reactor starts.</summary>
    public static bool Enabled { get; } = ReadSwitch();

    private static bool ReadSwitch()
    {
        if (AppContext.TryGetSwitch(Switch, out bool enabled))
        {
            return enabled;
        }
        string? value = Environment.GetEnvironmentVariable(Variable);
        return value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Called by the reactor thread once, at its start: from then on its completions are deferred.</summary>
    public static void AttachReactorThread()
    {
        Debug.Assert(Enabled, "only the inline mode defers completions");
        t_deferred = new List<AsyncWaiter>(16);
    }

    /// <summary>
    /// On the reactor thread in the inline mode: records <paramref name="waiter"/>'s completion, to
    /// be signalled by <see cref="RunDeferred"/> once no gate is held. False elsewhere: complete now
    /// (its continuation goes to the thread pool).
    /// </summary>
    public static bool TryDefer(AsyncWaiter waiter)
    {
        List<AsyncWaiter>? deferred = t_deferred;
        if (deferred is null)
        {
            return false;
        }
        deferred.Add(waiter);
        return true;
    }

    /// <summary>
    /// On the reactor thread, after a wait's events were dispatched and every gate released: signals
    /// the deferred completions, each continuation running here. Never throws.
    /// </summary>
    public static void RunDeferred()
    {
        List<AsyncWaiter>? deferred = t_deferred;
        if (deferred is null || deferred.Count == 0)
        {
            return;
        }
        // By index: continuations may defer more completions onto the list while it is walked.
        for (int i = 0; i < deferred.Count; i++)
        {
            AsyncWaiter waiter = deferred[i];
            deferred[i] = null!;
            try
            {
                waiter.SignalInline();
            }
#pragma warning disable CA1031 // A continuation's exception must not end the pass: the other waiters would never complete.
            catch (Exception error)
#pragma warning restore CA1031
            {
                ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "Reactor", "A continuation run inline on the async reactor threw; the reactor went on.", error);
            }
        }
        deferred.Clear();
    }
}
