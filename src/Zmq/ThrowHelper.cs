using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Builds and throws every exception of the binding, out of line so that the send/receive hot
/// paths stay small enough to inline.
/// </summary>
internal static class ThrowHelper
{
    /// <summary>Throws for an errno that a libzmq call just returned.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowErrno(int errno, string operation, string? endpoint = null, string? option = null)
    {
        throw Create(errno, operation, endpoint, option);
    }

    /// <summary>
    /// Reads <c>zmq_errno()</c> and throws for it. Call straight after the failing call, passing only
    /// ready-made strings and numbers: formatting before errno is read may call into native code
    /// (ICU, the allocator) that overwrites it.
    /// </summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLastError(string operation, string? endpoint = null, string? option = null, long? value = null)
    {
        int errno = LibZmq.zmq_errno();
        throw Create(errno, operation, endpoint, value is null ? option : $"{option} = {value}");
    }

    public static ZmqException Create(int errno, string operation, string? endpoint = null, string? option = null)
    {
        ZmqError error = ErrnoTable.ToError(errno);
        string subject = endpoint is not null ? $" for endpoint '{endpoint}'"
            : option is not null ? $" for option {option}"
            : string.Empty;
        string code = error == ZmqError.Unknown ? $"errno {errno}" : $"{error}, errno {errno}";
        string message = $"{operation} failed{subject}: {ZmqException.Describe(errno)} ({code}).";
        if (error == ZmqError.InvalidState)
        {
            // EFSM's own text names no rule; the socket types that raise it have one each.
            message += " A REQ socket must receive the reply before it sends again (ZMQ_REQ_RELAXED lifts that), and a REP "
                + "must send its reply before it receives the next request.";
        }
        return error == ZmqError.ContextTerminated
            ? new ZmqContextTerminatedException(errno, message) { Endpoint = endpoint, Option = option }
            : new ZmqException(errno, message) { Endpoint = endpoint, Option = option };
    }

    /// <summary>A blocking call returned EAGAIN: its timeout expired, or it was asked not to wait.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowWouldBlock(string operation, string timeoutOption, int timeoutMs)
    {
        string why = timeoutMs >= 0
            ? $"nothing could be done within {timeoutOption} = {timeoutMs} ms"
            : "the call was asked not to wait (DontWait)";
        throw new ZmqException(ErrnoTable.EAGAIN,
            $"{operation} would block: {why}. Use the Try… method to get false instead of an exception ({ZmqError.TryAgain}, errno {ErrnoTable.EAGAIN}).");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDisposed(object instance) => throw new ObjectDisposedException(instance.GetType().FullName);

    /// <summary>A second thread called into a socket while another thread's synchronous call was in it.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowConcurrentUse(ZmqSocket socket, string operation, string? holder) =>
        throw new InvalidOperationException(
            $"{operation} on {socket} was refused: another thread is in {holder ?? "a call"} on the same socket. " +
            "A libzmq socket is not thread-safe: use it from one thread at a time (hand it over through a lock or a queue), " +
            "or use its asynchronous methods, which may overlap with each other from any threads.");
}
