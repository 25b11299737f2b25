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
/// </remarks>
internal sealed class OwnedContextHandle : ZmqContextHandle
{
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
            var thread = new Thread(() => TerminateAndReport(context)) { IsBackground = true, Name = "zmq_ctx_term" };
            thread.UnsafeStart();
        }
        return true;
    }

    private void TerminateAndReport(nint context)
    {
        Terminate(context);
        Terminated?.Invoke();
    }
}
