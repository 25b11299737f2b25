using System.Security.Cryptography;

namespace Zmq;

/// <summary>
/// A CURVE secret key (32 bytes) in memory the binding owns and wipes: a pinned buffer that the
/// garbage collector never moves (so it leaves no stale copies behind), zeroed by
/// <see cref="Dispose"/> or, failing that, by the finalizer. The key never becomes a
/// <see cref="string"/> inside the binding.
/// </summary>
/// <remarks>
/// What the caller owns: this object (dispose it when the sockets that use it are configured:
/// libzmq keeps its own copy from <c>zmq_setsockopt</c>, which it does not wipe), and any span,
/// array or string it created the key from or copies it into — wipe those with
/// <see cref="CryptographicOperations.ZeroMemory"/> (strings cannot be wiped at all; prefer
/// <see cref="FromZ85(ReadOnlySpan{char})"/> over a <c>char[]</c> you clear).
/// </remarks>
public sealed class ZmqCurveSecretKey : IDisposable
{
    /// <summary>The length of a CURVE key in bytes.</summary>
    public const int Length = 32;

    private readonly byte[] _key = GC.AllocateArray<byte>(Length, pinned: true);
    private int _disposed;

    private ZmqCurveSecretKey()
    {
    }

    /// <summary>Wipes the key if it was never disposed.</summary>
    ~ZmqCurveSecretKey() => Wipe();

    /// <summary>Whether the key was disposed (and wiped).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Copies a 32-byte secret key; the caller still owns (and should wipe) <paramref name="key"/>.</summary>
    /// <returns>A new secret key holding a copy of the 32 bytes.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not 32 bytes long.</exception>
    public static ZmqCurveSecretKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
        {
            throw new ArgumentException($"A CURVE secret key is {Length} bytes; got {key.Length}.", nameof(key));
        }
        var secret = new ZmqCurveSecretKey();
        key.CopyTo(secret._key);
        return secret;
    }

    /// <summary>Decodes a 40-character Z85 secret key straight into wiped memory.</summary>
    /// <returns>A new secret key decoded from the 40 characters.</returns>
    /// <exception cref="FormatException"><paramref name="z85"/> is not 40 Z85 characters (the message never repeats the key).</exception>
    public static ZmqCurveSecretKey FromZ85(ReadOnlySpan<char> z85)
    {
        var secret = new ZmqCurveSecretKey();
        try
        {
            Z85.DecodeKey(z85, secret._key);
            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    /// <summary>Copies the key into <paramref name="destination"/>, which the caller then owns and wipes.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; a CURVE key needs {Length}.", nameof(destination));
        }
        Span.CopyTo(destination);
    }

    /// <summary>Writes the key as 40 Z85 characters into <paramref name="destination"/>, which the caller then owns and wipes.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 40 characters.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void WriteZ85(Span<char> destination) => Z85.EncodeKey(Span, destination);

    /// <summary>Derives the matching public key (<c>zmq_curve_public(3)</c>), as 40 Z85 characters.</summary>
    /// <returns>The matching public key as 40 Z85 characters.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    /// <exception cref="NotSupportedException">libzmq was built without CURVE.</exception>
    public string DerivePublicKey() => ZmqCurve.DerivePublicKey(this);

    /// <summary>The key's bytes, for the binding's own calls; valid until <see cref="Dispose"/>.</summary>
    internal ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _key;
        }
    }

    /// <summary>The buffer itself, so tests can see it wiped.</summary>
    internal byte[] BufferForTests => _key;

    /// <summary>Zeroes the key. Idempotent.</summary>
    public void Dispose()
    {
        Wipe();
        GC.SuppressFinalize(this);
    }

    private void Wipe()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CryptographicOperations.ZeroMemory(_key);
        }
    }

    /// <summary>Never shows the key.</summary>
    /// <returns>A fixed text that never contains the key.</returns>
    public override string ToString() => IsDisposed ? "ZmqCurveSecretKey (disposed)" : "ZmqCurveSecretKey (hidden)";
}
