using System.Security.Cryptography;
using Zmq.Interop;

namespace Zmq;

// ZMQ_CURVE_SECRETKEY by hand rather than from ZmqSocket.Options.table: the key travels only in
// wiped memory (ZmqCurveSecretKey), never as a byte[] property.
public sealed partial class ZmqSocket
{
    /// <summary>
    /// Sets ZMQ_CURVE_SECRETKEY, this socket's long-term CURVE secret key. libzmq keeps its own copy
    /// (which it does not wipe); <paramref name="key"/> stays the caller's to dispose.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The key or the socket was disposed.</exception>
    /// <exception cref="NotSupportedException">libzmq was built without CURVE.</exception>
    public void SetCurveSecretKey(ZmqCurveSecretKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        SetBytes(LibZmq.ZMQ_CURVE_SECRETKEY, key.Span, "CurveSecretKey");
    }

    /// <summary>
    /// Reads ZMQ_CURVE_SECRETKEY into wiped memory that the caller owns and disposes; the stack
    /// buffer it passes through is zeroed.
    /// </summary>
    /// <returns>A copy of the socket's secret key, in wiped memory; dispose it.</returns>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public ZmqCurveSecretKey GetCurveSecretKey()
    {
        Span<byte> buffer = stackalloc byte[ZmqCurveSecretKey.Length];
        try
        {
            int length = GetBytes(LibZmq.ZMQ_CURVE_SECRETKEY, buffer, "CurveSecretKey");
            return ZmqCurveSecretKey.FromBytes(buffer[..length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
