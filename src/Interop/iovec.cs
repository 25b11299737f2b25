namespace Zmq.Interop;

#pragma warning disable CA1707, IDE1006, CS8981 // Named as in POSIX.

/// <summary>POSIX <c>struct iovec</c>, as <c>zmq_sendiov</c>/<c>zmq_recviov</c> take it.</summary>
public unsafe struct iovec
{
    /// <summary>Start of the buffer.</summary>
    public void* iov_base;
    /// <summary>Length of the buffer in bytes.</summary>
    public nuint iov_len;
}
