using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// A libzmq call failed. Carries the platform-neutral <see cref="Error"/>, the raw
/// <see cref="ErrorNumber"/> as <c>zmq_errno()</c> returned it, libzmq's <c>zmq_strerror</c> text, and
/// the endpoint or option involved. EAGAIN is never thrown by a <c>Try…</c> method (it returns false).
/// </summary>
public class ZmqException : Exception
{
    /// <summary>Creates an exception for an errno.</summary>
    /// <param name="errorNumber">The raw errno from <c>zmq_errno()</c>.</param>
    /// <param name="message">What failed, naming the endpoint or option.</param>
    public ZmqException(int errorNumber, string message)
        : base(message)
    {
        ErrorNumber = errorNumber;
        Error = ErrnoTable.ToError(errorNumber);
    }

    /// <summary>Creates an exception with no errno (<see cref="ZmqError.Unknown"/>).</summary>
    public ZmqException() : this(0, "A libzmq call failed.")
    {
    }

    /// <summary>Creates an exception with no errno (<see cref="ZmqError.Unknown"/>).</summary>
    public ZmqException(string message) : this(0, message)
    {
    }

    /// <summary>Creates an exception with no errno that wraps another.</summary>
    public ZmqException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The platform-neutral error.</summary>
    public ZmqError Error { get; }

    /// <summary>The errno as libzmq reported it on this operating system.</summary>
    public int ErrorNumber { get; }

    /// <summary>The endpoint involved, when the failing call had one.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The socket or context option involved, when the failing call set or read one.</summary>
    public string? Option { get; init; }

    /// <summary>libzmq's description of an errno (<c>zmq_strerror(3)</c>).</summary>
    /// <returns>The error's name and libzmq's text for it.</returns>
    public static unsafe string Describe(int errorNumber) =>
        Marshal.PtrToStringUTF8((nint)LibZmq.zmq_strerror(errorNumber)) ?? $"errno {errorNumber}";
}
