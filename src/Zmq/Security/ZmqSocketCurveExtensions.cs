namespace Zmq;

/// <summary>One-call CURVE set-up of a socket as server or client.</summary>
public static class ZmqSocketCurveExtensions
{
    /// <summary>
    /// Makes <paramref name="socket"/> a CURVE server with the server's key pair (ZMQ_CURVE_SERVER,
    /// ZMQ_CURVE_SECRETKEY). Clients must know <see cref="ZmqCurveKeyPair.PublicKey"/>. Call before Bind.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> or <paramref name="serverKeys"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The key pair was disposed.</exception>
    public static void MakeCurveServer(this ZmqSocket socket, ZmqCurveKeyPair serverKeys)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(serverKeys);
        socket.CurveServer = true;
        socket.SetCurveSecretKey(serverKeys.SecretKey);
    }

    /// <summary>
    /// Makes <paramref name="socket"/> a CURVE client (ZMQ_CURVE_SERVERKEY, ZMQ_CURVE_PUBLICKEY,
    /// ZMQ_CURVE_SECRETKEY) of the server whose public key is <paramref name="serverPublicKey"/>.
    /// Call before Connect.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="FormatException"><paramref name="serverPublicKey"/> is not valid Z85.</exception>
    /// <exception cref="ObjectDisposedException">The key pair was disposed.</exception>
    public static void MakeCurveClient(this ZmqSocket socket, ZmqCurveKeyPair clientKeys, string serverPublicKey)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(clientKeys);
        ArgumentNullException.ThrowIfNull(serverPublicKey);
        socket.CurveServerKey = Z85.Decode(serverPublicKey);
        socket.CurvePublicKey = clientKeys.PublicKeyBytes.ToArray();
        socket.SetCurveSecretKey(clientKeys.SecretKey);
    }
}
