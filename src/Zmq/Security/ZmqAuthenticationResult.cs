namespace Zmq;

/// <summary>One decision of <see cref="ZmqAuthenticator"/>.</summary>
/// <param name="StatusCode">The ZAP status: 200 accepted, 400 refused, 500 malformed request.</param>
/// <param name="StatusText">Why.</param>
/// <param name="UserId">The authenticated user (PLAIN username or CURVE public key), or empty.</param>
/// <param name="Address">The peer's IP address.</param>
/// <param name="Mechanism">NULL, PLAIN or CURVE.</param>
public readonly record struct ZmqAuthenticationResult(int StatusCode, string StatusText, string UserId, string Address, string Mechanism)
{
    /// <summary>Whether the peer was accepted.</summary>
    public bool Accepted => StatusCode == 200;
}
