namespace Zmq;

/// <summary>A CURVE long-term key pair as 40-character Z85 strings.</summary>
/// <param name="PublicKey">The public key: share it with peers.</param>
/// <param name="SecretKey">The secret key: keep it private.</param>
public readonly record struct ZmqCurveKeyPair(string PublicKey, string SecretKey)
{
    /// <summary>The public key's 32 bytes.</summary>
    public byte[] PublicKeyBytes => Z85.Decode(PublicKey);

    /// <summary>The secret key's 32 bytes.</summary>
    public byte[] SecretKeyBytes => Z85.Decode(SecretKey);

    /// <summary>Shows the public key only, so a key pair in a log never leaks its secret.</summary>
    public override string ToString() => $"ZmqCurveKeyPair {{ PublicKey = {PublicKey} }}";
}
