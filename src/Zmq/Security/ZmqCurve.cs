using System.Text;
using Zmq.Interop;

namespace Zmq;

/// <summary>CURVE key generation (<c>zmq_curve_keypair(3)</c>, <c>zmq_curve_public(3)</c>).</summary>
public static class ZmqCurve
{
    /// <summary>The length of a Z85-encoded CURVE key.</summary>
    public const int Z85KeyLength = 40;

    /// <summary>Generates a new long-term key pair.</summary>
    /// <exception cref="NotSupportedException">libzmq was built without CURVE (libsodium).</exception>
    public static unsafe ZmqCurveKeyPair GenerateKeyPair()
    {
        ZmqLibrary.EnsureLoaded();
        byte* publicKey = stackalloc byte[Z85KeyLength + 1];
        byte* secretKey = stackalloc byte[Z85KeyLength + 1];
        if (LibZmq.zmq_curve_keypair(publicKey, secretKey) != 0)
        {
            throw Unsupported("zmq_curve_keypair");
        }
        return new ZmqCurveKeyPair(Ascii(publicKey), Ascii(secretKey));
    }

    /// <summary>Derives the public key of a Z85 secret key.</summary>
    /// <exception cref="ArgumentException"><paramref name="secretKey"/> is not a 40-character Z85 key.</exception>
    /// <exception cref="NotSupportedException">libzmq was built without CURVE.</exception>
    public static unsafe string DerivePublicKey(string secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        try
        {
            if (Z85.Decode(secretKey).Length != 32)
            {
                throw new FormatException($"a CURVE key is {Z85KeyLength} Z85 characters; got {secretKey.Length}");
            }
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The secret key is not a Z85 CURVE key: {e.Message}", nameof(secretKey), e);
        }
        byte* publicKey = stackalloc byte[Z85KeyLength + 1];
        byte* secret = stackalloc byte[Z85KeyLength + 1];
        Encoding.ASCII.GetBytes(secretKey, new Span<byte>(secret, Z85KeyLength));
        secret[Z85KeyLength] = 0;
        if (LibZmq.zmq_curve_public(publicKey, secret) != 0)
        {
            throw Unsupported("zmq_curve_public");
        }
        return Ascii(publicKey);
    }

    private static unsafe string Ascii(byte* text) => Encoding.ASCII.GetString(text, Z85KeyLength);

    private static NotSupportedException Unsupported(string function)
    {
        int errno = LibZmq.zmq_errno();
        return new NotSupportedException(
            $"{function} failed: {ZmqException.Describe(errno)}. The loaded libzmq has CURVE: {ZmqLibrary.Has("curve")}.");
    }
}
