namespace Zmq;

/// <summary>The security mechanism a socket uses (<c>ZMQ_MECHANISM</c>).</summary>
public enum ZmqSecurityMechanism
{
    /// <summary>ZMQ_NULL: no security.</summary>
    Null = 0,
    /// <summary>ZMQ_PLAIN: clear-text username and password.</summary>
    Plain = 1,
    /// <summary>ZMQ_CURVE: CurveZMQ encryption and authentication.</summary>
    Curve = 2,
    /// <summary>ZMQ_GSSAPI: Kerberos.</summary>
    Gssapi = 3,
}
