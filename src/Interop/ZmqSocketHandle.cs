using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// Owns a libzmq socket (<c>zmq_socket</c>). It holds a reference on its <see cref="ZmqContextHandle"/>
/// from creation until after <c>zmq_close</c>, so the context cannot be terminated under it.
/// </summary>
/// <remarks>
/// A socket released without <see cref="MarkOrderlyClose"/> (the finalizer, or a handle disposed
/// without the owner's consent) gets <c>ZMQ_LINGER</c> 0 before <c>zmq_close</c>: its unsent
/// messages are dropped so that the context's termination can never wait on them.
/// </remarks>
public sealed class ZmqSocketHandle : SafeHandle
{
    private ZmqContextHandle? _context;
    private volatile bool _orderlyClose;

    /// <summary>Creates an invalid handle; used by the marshaller only.</summary>
    public ZmqSocketHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>
    /// Creates a socket with <c>zmq_socket</c>; returns an invalid handle on failure (read
    /// <c>zmq_errno</c>). Throws <see cref="ObjectDisposedException"/> if the context is closed.
    /// </summary>
    public static ZmqSocketHandle Create(ZmqContextHandle context, int type)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new ZmqSocketHandle();
        bool added = false;
        try
        {
            context.DangerousAddRef(ref added);
            nint socket = LibZmq.zmq_socket(context, type);
            if (socket != 0)
            {
                result._context = context;
                result.SetHandle(socket);
            }
        }
        finally
        {
            if (added && result._context is null)
            {
                context.DangerousRelease();
            }
        }
        return result;
    }

    /// <summary>Says that the owner closes the socket on purpose, so its linger setting is kept.</summary>
    public void MarkOrderlyClose() => _orderlyClose = true;

    /// <inheritdoc />
    protected override unsafe bool ReleaseHandle()
    {
        if (!_orderlyClose)
        {
            int zero = 0;
            LibZmq.zmq_setsockopt_raw(handle, LibZmq.ZMQ_LINGER, &zero, sizeof(int));
        }
        int rc = LibZmq.zmq_close(handle);
        _context?.DangerousRelease();
        _context = null;
        return rc == 0;
    }
}
