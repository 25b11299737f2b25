using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// Owns a libzmq context (<c>zmq_ctx_new</c>). Every <see cref="ZmqSocketHandle"/> holds a reference
/// on it, so <c>zmq_ctx_term</c> runs only after the last socket is closed, whatever the order in
/// which handles are disposed or finalized.
/// </summary>
/// <remarks>
/// The handle only releases: <c>zmq_ctx_term</c>, retried on EINTR as <c>zmq_ctx_term(3)</c> asks.
/// That call blocks until every socket's linger period has passed; on which thread it may do so is
/// the owner's policy, in a derived handle's <see cref="ReleaseHandle"/> (the Zmq package moves it
/// off the finalizer thread).
/// </remarks>
public class ZmqContextHandle : SafeHandle
{
    /// <summary>Creates an invalid handle; used by the marshaller and by derived handles.</summary>
    public ZmqContextHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a context with <c>zmq_ctx_new</c>; returns an invalid handle on failure
    /// (read <c>zmq_errno</c>).</summary>
    /// <returns>A handle that owns the new context (invalid when <c>zmq_ctx_new</c> failed).</returns>
    public static ZmqContextHandle Create() => Open(new ZmqContextHandle());

    /// <summary>
    /// Opens a context into <paramref name="target"/>, a new invalid handle of any derived type;
    /// the result is stored straight after the call, so nothing in between can leak it.
    /// </summary>
    protected static THandle Open<THandle>(THandle target)
        where THandle : ZmqContextHandle
    {
        ArgumentNullException.ThrowIfNull(target);
        target.SetHandle(LibZmq.zmq_ctx_new());
        return target;
    }

    /// <summary>Terminates a context with <c>zmq_ctx_term</c>, retrying on EINTR; blocks while sockets linger.</summary>
    /// <param name="context">The native context.</param>
    protected static void Terminate(nint context)
    {
        while (LibZmq.zmq_ctx_term(context) != 0 && LibZmq.zmq_errno() == LibZmq.EINTR)
        {
        }
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        Terminate(handle);
        return true;
    }
}
