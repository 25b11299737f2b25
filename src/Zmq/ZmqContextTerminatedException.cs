namespace Zmq;

/// <summary>
/// The socket's context was shut down (<see cref="ZmqContext.Shutdown"/>) or terminated while the
/// call was blocked, or before it started (ETERM). Close the socket: nothing more can be done with it.
/// </summary>
public sealed class ZmqContextTerminatedException : ZmqException
{
    /// <summary>Creates the exception for libzmq's ETERM.</summary>
    public ZmqContextTerminatedException(int errorNumber, string message) : base(errorNumber, message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ZmqContextTerminatedException()
        : this(Interop.LibZmq.ETERM, "The ZeroMQ context was shut down or terminated (ETERM).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ZmqContextTerminatedException(string message) : this(Interop.LibZmq.ETERM, message)
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public ZmqContextTerminatedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
