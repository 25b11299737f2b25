using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Zmq.Interop;

namespace Zmq;

/// <summary>CURVE key generation (<c>zmq_curve_keypair(3)</c>, <c>zmq_curve_public(3)</c>).</summary>
public static class ZmqCurve
{
    /// <summary>The length of a Z85-encoded CURVE key.</summary>
    public const int Z85KeyLength = 40;

    /// <summary>
    /// Generates a new long-term key pair (<c>zmq_curve_keypair(3)</c>). The secret goes straight
    /// from libzmq's output into wiped memory; the caller owns the pair and disposes it.
    /// </summary>
    /// <returns>A new key pair; dispose it to wipe its secret key.</returns>
    /// <exception cref="NotSupportedException">libzmq was built without CURVE.</exception>
    public static unsafe ZmqCurveKeyPair GenerateKeyPair()
    {
        ZmqLibrary.EnsureLoaded();
        byte* publicKey = stackalloc byte[Z85KeyLength + 1];
        byte* secretZ85 = stackalloc byte[Z85KeyLength + 1];
        Span<char> secretText = stackalloc char[Z85KeyLength];
        try
        {
            if (LibZmq.zmq_curve_keypair(publicKey, secretZ85) != 0)
            {
                throw Unsupported("zmq_curve_keypair");
            }
            for (int i = 0; i < Z85KeyLength; i++)
            {
                secretText[i] = (char)secretZ85[i];
            }
            return new ZmqCurveKeyPair(Ascii(publicKey), ZmqCurveSecretKey.FromZ85(secretText));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(new Span<byte>(secretZ85, Z85KeyLength + 1));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(secretText));
        }
    }

    /// <summary>Derives the public key of a secret key (<c>zmq_curve_public(3)</c>), as 40 Z85 characters.</summary>
    /// <returns>The public key as 40 Z85 characters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secretKey"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="secretKey"/> was disposed.</exception>
    /// <exception cref="NotSupportedException">libzmq was built without CURVE.</exception>
    public static unsafe string DerivePublicKey(ZmqCurveSecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        byte* publicKey = stackalloc byte[Z85KeyLength + 1];
        byte* secretZ85 = stackalloc byte[Z85KeyLength + 1];
        Span<char> secretText = stackalloc char[Z85KeyLength];
        try
        {
            Z85.EncodeKey(secretKey.Span, secretText);
            for (int i = 0; i < Z85KeyLength; i++)
            {
                secretZ85[i] = (byte)secretText[i];
            }
            secretZ85[Z85KeyLength] = 0;
            if (LibZmq.zmq_curve_public(publicKey, secretZ85) != 0)
            {
                throw Unsupported("zmq_curve_public");
            }
            return Ascii(publicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(new Span<byte>(secretZ85, Z85KeyLength + 1));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(secretText));
        }
    }

    private static unsafe string Ascii(byte* text) => Encoding.ASCII.GetString(text, Z85KeyLength);

    private static NotSupportedException Unsupported(string function)
    {
        int errno = LibZmq.zmq_errno();
        return new NotSupportedException(
            $"{function} failed: {ZmqException.Describe(errno)}. The loaded libzmq has CURVE: {ZmqLibrary.Has("curve")}.");
    }
}
