using Zmq.Interop;

namespace Zmq;

/// <summary>
/// The context handle of a <see cref="ZmqContext"/>: the interop handle plus this binding's policy
/// on where <c>zmq_ctx_term</c> may block.
/// </summary>
/// <remarks>
/// <c>zmq_ctx_term</c> blocks until every socket's linger period has passed. It runs inline only on
/// the thread that asked for an orderly termination (<see cref="MarkOrderlyTermination"/>); on any
/// other thread, the finalizer's included (or the thread that closed the last socket after the
/// context was disposed), it is handed to a background thread so it never blocks that caller.
/// <para>A process that exits while such a thread is inside <c>zmq_ctx_term</c> runs libzmq's
/// static destructors under it: the context's destructor then locks a static mutex already
/// destroyed, and libzmq aborts ("Invalid argument (mutex.hpp:136)"; the exit-while-terminating
/// scenario hit it in about 1 run in 50). So the background terminations are counted, and process
/// exit waits for them, up to <see cref="ExitWait"/> (they close sockets abandoned to finalizers with
/// linger 0, so they are quick; a context disposed from another thread with lingering sockets may
/// take its linger, and exit does not wait for that longer).</para>
/// <para>So that the orderly thread's release is the last one, ZmqContext.Dispose first lets the
/// binding's own last holds on disposed sockets end (SocketCensus.cs).</para>
/// </remarks>
internal sealed class OwnedContextHandle : ZmqContextHandle
{
    /// <summary>How long process exit waits for background terminations still running.</summary>
    internal static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private static readonly Lock s_backgroundLock = new();
    private static readonly ManualResetEventSlim s_noBackgroundTermination = new(initialState: true);
    private static int s_backgroundTerminations;
    private static bool s_exitHooked;

    private int _orderlyThreadId;

    /// <summary>Raised (for tests and diagnostics) when <c>zmq_ctx_term</c> has returned.</summary>
    public event Action? Terminated;

    /// <summary>Creates a context; an invalid handle on failure (read <c>zmq_errno</c>).</summary>
    public static new OwnedContextHandle Create() => Open(new OwnedContextHandle());

    /// <summary>
    /// Says that the calling thread is disposing the context on purpose, so the final
    /// <c>zmq_ctx_term</c> may block this thread while sockets linger.
    /// </summary>
    public void MarkOrderlyTermination() => Volatile.Write(ref _orderlyThreadId, Environment.CurrentManagedThreadId);

    protected override bool ReleaseHandle()
    {
        nint context = handle;
        if (Volatile.Read(ref _orderlyThreadId) == Environment.CurrentManagedThreadId)
        {
            TerminateAndReport(context);
        }
        else
        {
            BackgroundTerminationStarted();
            var thread = new Thread(() =>
            {
                try
                {
                    TerminateAndReport(context);
                }
                finally
                {
                    BackgroundTerminationEnded();
                }
            }) { IsBackground = true, Name = "zmq_ctx_term" };
            thread.UnsafeStart();
        }
        return true;
    }

    private static void BackgroundTerminationStarted()
    {
        lock (s_backgroundLock)
        {
            if (s_backgroundTerminations++ == 0)
            {
                s_noBackgroundTermination.Reset();
            }
            if (!s_exitHooked)
            {
                s_exitHooked = true;
                AppDomain.CurrentDomain.ProcessExit += static (_, _) => s_noBackgroundTermination.Wait(ExitWait);
            }
        }
    }

    private static void BackgroundTerminationEnded()
    {
        lock (s_backgroundLock)
        {
            System.Diagnostics.Debug.Assert(s_backgroundTerminations > 0, "every end matches a start");
            if (--s_backgroundTerminations == 0)
            {
                s_noBackgroundTermination.Set();
            }
        }
    }

    private void TerminateAndReport(nint context)
    {
        Terminate(context);
        Terminated?.Invoke();
    }
}
