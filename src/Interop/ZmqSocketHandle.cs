using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// Owns a libzmq socket (<c>zmq_socket</c>). It holds a reference on its <see cref="ZmqContextHandle"/>
/// from creation until after <c>zmq_close</c>, so the context cannot be terminated under it.
/// </summary>
/// <remarks>
/// The handle only releases: <c>zmq_close</c>, then the context reference. What happens to unsent
/// messages is the owner's policy: a derived handle can act in <see cref="BeforeClose"/> (the Zmq
/// package drops the unsent messages of sockets closed by the finalizer there).
/// </remarks>
public class ZmqSocketHandle : SafeHandle
{
    private ZmqContextHandle? _context;

    /// <summary>Creates an invalid handle; used by the marshaller and by <see cref="Open{THandle}"/>.</summary>
    public ZmqSocketHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>
    /// Wraps a socket that something else owns: with <paramref name="ownsHandle"/> false, disposing
    /// this handle never closes the socket (as <c>System.Net.Sockets.Socket.Handle</c> hands out a
    /// pointer that closes nothing). Such a handle is valid only while its owner keeps the socket open.
    /// </summary>
    /// <param name="socket">The native socket pointer (<c>void*</c> from <c>zmq_socket</c>).</param>
    /// <param name="ownsHandle">Whether releasing this handle closes the socket.</param>
    protected ZmqSocketHandle(nint socket, bool ownsHandle) : base(IntPtr.Zero, ownsHandle) => SetHandle(socket);

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>
    /// Creates a socket with <c>zmq_socket</c>; returns an invalid handle on failure (read
    /// <c>zmq_errno</c>).
    /// </summary>
    /// <returns>A handle that owns the new socket, invalid when <c>zmq_socket</c> failed (read <c>zmq_errno</c>).</returns>
    /// <exception cref="ObjectDisposedException">The context handle is closed.</exception>
    public static ZmqSocketHandle Create(ZmqContextHandle context, int type) => Open(new ZmqSocketHandle(), context, type);

    /// <summary>
    /// Opens a socket into <paramref name="target"/>, a new invalid handle of any derived type: the
    /// <c>zmq_socket</c> result is stored before anything else can fail, so it is never leaked.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The context handle is closed.</exception>
    protected static THandle Open<THandle>(THandle target, ZmqContextHandle context, int type)
        where THandle : ZmqSocketHandle
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        bool added = false;
        try
        {
            context.DangerousAddRef(ref added);
            nint socket = LibZmq.zmq_socket(context, type);
            if (socket != 0)
            {
                target._context = context;
                target.SetHandle(socket);
            }
        }
        finally
        {
            if (added && target._context is null)
            {
                context.DangerousRelease();
            }
        }
        return target;
    }

    /// <summary>
    /// Runs just before <c>zmq_close</c>, on whichever thread releases the handle (the finalizer's
    /// included): no allocation, no exception. The base does nothing.
    /// </summary>
    /// <param name="socket">The native socket, still open.</param>
    protected virtual void BeforeClose(nint socket)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        BeforeClose(handle);
        int rc = LibZmq.zmq_close(handle);
        _context?.DangerousRelease();
        _context = null;
        return rc == 0;
    }
}
