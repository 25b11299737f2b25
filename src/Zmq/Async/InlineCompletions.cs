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
// socket's gate (SocketAsyncContext.cs). On the reactor thread in this mode the completion is only
// recorded (Defer); the waiter has left Parked by its compare-and-swap, so no other completion,
// cancellation or disposal can touch it, and its owner's await stays pending. After the reactor's
// wait has been dispatched and every gate it took was released, RunDeferred completes them, and each
// continuation runs there, on the reactor thread, holding nothing. A completion made on any other
// thread (a gate released by a user call, a cancellation) goes to the thread pool as before.
// Completions the inline continuations make themselves (their own calls release gates) are not
// deferred but go to the thread pool: a continuation that blocks on one would otherwise wait for
// itself. An exception a continuation throws is
// reported through ZmqDiagnostics and the pass goes on: the loop must not fail the other waiters.
// Continuations that captured a SynchronizationContext or TaskScheduler still run there (the
// ValueTask source posts to them whatever this mode says).
//
// The same deferral serves, in every mode, the readiness checks of thread-safe sockets, which run
// on a thread-pool thread rather than the reactor's (SocketAsyncContext.ThreadSafe.cs): after the check the
// last woken operation's continuation runs on that pool thread, where the pool would have run it
// anyway, one hand-off sooner; any other it woke (the other direction) goes to the pool as usual,
// so neither waits behind the other's continuation. The inline mode does not change that: a
// thread-safe socket's continuations never run on the reactor thread.

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

    /// <summary>Whether the mode is on; read once per process, at the first use of this type (the first async wait, or ZmqLibrary.AsyncBackend / AsyncInlineCompletions).</summary>
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

    [ThreadStatic]
    private static List<AsyncWaiter>? t_spare;

    /// <summary>Called by the reactor thread once, at its start: from then on its completions are deferred.</summary>
    public static void AttachReactorThread()
    {
        Debug.Assert(Enabled, "only the inline mode defers the reactor's completions");
        t_deferred = new List<AsyncWaiter>(16);
    }

    /// <summary>
    /// On a thread-pool thread about to run a readiness check of its own (a thread-safe socket's,
    /// SocketAsyncContext.ThreadSafe.cs): defers the check's completions until <see cref="EndDeferring"/>.
    /// </summary>
    public static void BeginDeferring()
    {
        Debug.Assert(t_deferred is null, "a pool thread defers only around its own check, never nested");
        t_deferred = t_spare ??= new List<AsyncWaiter>(2);
    }

    /// <summary>
    /// After the check, holding nothing: every deferred completion but the last goes to the thread
    /// pool as usual (so the woken operations still run side by side, and none waits behind another's
    /// continuation), and the last runs its continuation here, on this pool thread, saving its
    /// hand-off. A raw continuation that throws here fails as it would on any pool thread.
    /// </summary>
    public static void EndDeferring()
    {
        List<AsyncWaiter>? deferred = t_deferred;
        t_deferred = null;
        if (deferred is null || deferred.Count == 0)
        {
            return;
        }
        AsyncWaiter last = deferred[^1];
        try
        {
            for (int i = 0; i < deferred.Count - 1; i++)
            {
                deferred[i].SignalDeferred(inline: false);
            }
        }
        finally
        {
            deferred.Clear();
        }
        last.SignalDeferred(inline: true);
    }

    /// <summary>
    /// On a deferring thread (the reactor in the inline mode; a pool thread checking a thread-safe
    /// socket): records <paramref name="waiter"/>'s completion, to be signalled by
    /// <see cref="RunDeferred"/> once nothing is held. False elsewhere: complete now (its
    /// continuation goes to the thread pool).
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
    /// After the deferring thread released everything (the reactor: after a wait's events were
    /// dispatched): signals the deferred completions, each continuation running here. Completions the
    /// continuations themselves make are not deferred (they go to the thread pool): a continuation
    /// that waits for one (sync over async) would otherwise wait for itself. Never throws.
    /// </summary>
    public static void RunDeferred()
    {
        List<AsyncWaiter>? deferred = t_deferred;
        if (deferred is null || deferred.Count == 0)
        {
            return;
        }
        t_deferred = null;
        try
        {
            foreach (AsyncWaiter waiter in deferred)
            {
                try
                {
                    waiter.SignalDeferred(inline: true);
                }
#pragma warning disable CA1031 // A continuation's exception must not end the pass: the other waiters would never complete.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "Reactor", "A continuation run inline by the async engine threw; the engine went on.", error);
                }
            }
        }
        finally
        {
            deferred.Clear();
            t_deferred = deferred;
        }
    }
}
