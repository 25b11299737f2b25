using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// Owns a libzmq context (<c>zmq_ctx_new</c>). Every <see cref="ZmqSocketHandle"/> holds a reference
/// on it, so <c>zmq_ctx_term</c> runs only after the last socket is closed, whatever the order in
/// which handles are disposed or finalized.
/// </summary>
/// <remarks>
/// <c>zmq_ctx_term</c> blocks until every socket's linger period has passed. It runs inline only on
/// the thread that asked for an orderly termination (<see cref="MarkOrderlyTermination"/>); on any
/// other thread, the finalizer's included, it is handed to a background thread so it never blocks
/// the caller.
/// </remarks>
public sealed class ZmqContextHandle : SafeHandle
{
    private int _orderlyThreadId;

    /// <summary>Creates an invalid handle; used by the marshaller only.</summary>
    public ZmqContextHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Raised (for tests and diagnostics) when <c>zmq_ctx_term</c> has returned.</summary>
    internal event Action? Terminated;

    /// <summary>Creates a context with <c>zmq_ctx_new</c>; returns an invalid handle on failure
    /// (read <c>zmq_errno</c>).</summary>
    public static ZmqContextHandle Create()
    {
        var result = new ZmqContextHandle();
        // SetHandle straight after the call: nothing in between can throw and leak the context.
        result.SetHandle(LibZmq.zmq_ctx_new());
        return result;
    }

    /// <summary>
    /// Says that the calling thread is disposing the context on purpose, so the final
    /// <c>zmq_ctx_term</c> may block this thread while sockets linger.
    /// </summary>
    public void MarkOrderlyTermination() => Volatile.Write(ref _orderlyThreadId, Environment.CurrentManagedThreadId);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        nint context = handle;
        if (Volatile.Read(ref _orderlyThreadId) == Environment.CurrentManagedThreadId)
        {
            Terminate(context);
        }
        else
        {
            // Not the thread that asked for an orderly end (the finalizer, or the last socket
            // closed elsewhere): zmq_ctx_term may block for the sockets' linger, so never here.
            var thread = new Thread(() => Terminate(context)) { IsBackground = true, Name = "zmq_ctx_term" };
            thread.UnsafeStart();
        }
        return true;
    }

    private void Terminate(nint context)
    {
        // EINTR means a signal arrived while waiting (zmq_ctx_term(3) says to retry).
        while (LibZmq.zmq_ctx_term(context) != 0 && LibZmq.zmq_errno() == LibZmq.EINTR)
        {
        }
        Terminated?.Invoke();
    }
}
