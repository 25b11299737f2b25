namespace Zmq;

/// <summary>
/// A CURVE long-term key pair: the public key as 40 Z85 characters (share it with peers), the
/// secret key in wiped memory (<see cref="ZmqCurveSecretKey"/>). Dispose the pair to wipe the secret.
/// </summary>
public sealed class ZmqCurveKeyPair : IDisposable
{
    /// <summary>Pairs a public key with its secret key; the pair takes ownership of <paramref name="secretKey"/>.</summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    /// <exception cref="FormatException"><paramref name="publicKey"/> is not a 40-character Z85 key.</exception>
    public ZmqCurveKeyPair(string publicKey, ZmqCurveSecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(secretKey);
        if (publicKey.Length != ZmqCurve.Z85KeyLength)
        {
            throw new FormatException($"A Z85 CURVE key is {ZmqCurve.Z85KeyLength} characters; got {publicKey.Length}.");
        }
        PublicKeyBytes = Z85.Decode(publicKey);
        PublicKey = publicKey;
        SecretKey = secretKey;
    }

    /// <summary>The public key as 40 Z85 characters.</summary>
    public string PublicKey { get; }

    /// <summary>The public key's 32 bytes.</summary>
    public ReadOnlyMemory<byte> PublicKeyBytes { get; }

    /// <summary>The secret key, wiped when the pair is disposed.</summary>
    public ZmqCurveSecretKey SecretKey { get; }

    /// <summary>Wipes the secret key.</summary>
    public void Dispose() => SecretKey.Dispose();

    /// <summary>Shows the public key only, so a key pair in a log never leaks its secret.</summary>
    /// <returns>The public key only: the secret key is never part of a string.</returns>
    public override string ToString() => $"ZmqCurveKeyPair {{ PublicKey = {PublicKey} }}";
}
