namespace Zmq;

/// <summary>
/// A platform-neutral name for the errno a libzmq call failed with. The raw number differs between
/// operating systems (EAGAIN is 11 on Linux and 35 on macOS); <see cref="ZmqException.ErrorNumber"/>
/// keeps it.
/// </summary>
public enum ZmqError
{
    /// <summary>An errno this binding has no name for; see <see cref="ZmqException.ErrorNumber"/>.</summary>
    Unknown = 0,
    /// <summary>EPERM.</summary>
    NotPermitted,
    /// <summary>ENOENT: no such endpoint (unbind/disconnect of one never bound or connected).</summary>
    NoSuchEntry,
    /// <summary>EINTR: a signal interrupted the call.</summary>
    Interrupted,
    /// <summary>EBADF.</summary>
    BadFileDescriptor,
    /// <summary>EAGAIN: the operation would block or timed out. <c>Try…</c> methods return false instead.</summary>
    TryAgain,
    /// <summary>ENOMEM.</summary>
    OutOfMemory,
    /// <summary>EACCES.</summary>
    AccessDenied,
    /// <summary>EFAULT: an invalid socket or message.</summary>
    Fault,
    /// <summary>ENODEV: the network interface does not exist.</summary>
    NoSuchDevice,
    /// <summary>EINVAL: an invalid argument, endpoint or option value.</summary>
    InvalidArgument,
    /// <summary>EMFILE: too many sockets or file descriptors.</summary>
    TooManyOpenFiles,
    /// <summary>ENAMETOOLONG: an ipc path is too long.</summary>
    NameTooLong,
    /// <summary>ENOTSUP: the operation is not supported by this socket type.</summary>
    NotSupported,
    /// <summary>EPROTONOSUPPORT: the transport is not supported.</summary>
    ProtocolNotSupported,
    /// <summary>ENOBUFS.</summary>
    NoBufferSpace,
    /// <summary>ENETDOWN.</summary>
    NetworkDown,
    /// <summary>EADDRINUSE: the address is already bound.</summary>
    AddressInUse,
    /// <summary>EADDRNOTAVAIL: the address is not local.</summary>
    AddressNotAvailable,
    /// <summary>ECONNREFUSED.</summary>
    ConnectionRefused,
    /// <summary>EINPROGRESS.</summary>
    InProgress,
    /// <summary>ENOTSOCK: the socket is invalid.</summary>
    NotSocket,
    /// <summary>EMSGSIZE.</summary>
    MessageTooLong,
    /// <summary>EAFNOSUPPORT.</summary>
    AddressFamilyNotSupported,
    /// <summary>ENETUNREACH.</summary>
    NetworkUnreachable,
    /// <summary>ECONNABORTED.</summary>
    ConnectionAborted,
    /// <summary>ECONNRESET.</summary>
    ConnectionReset,
    /// <summary>ENOTCONN.</summary>
    NotConnected,
    /// <summary>ETIMEDOUT.</summary>
    TimedOut,
    /// <summary>EHOSTUNREACH: a ROUTER with <c>RouterMandatory</c> has no peer with that routing id.</summary>
    HostUnreachable,
    /// <summary>ENETRESET.</summary>
    NetworkReset,
    /// <summary>EFSM: the operation is not allowed in the socket's current state (REQ/REP order).</summary>
    InvalidState,
    /// <summary>ENOCOMPATPROTO: the transport is not compatible with the socket type.</summary>
    IncompatibleProtocol,
    /// <summary>ETERM: the context was shut down or terminated.</summary>
    ContextTerminated,
    /// <summary>EMTHREAD: no I/O thread is available.</summary>
    NoIoThread,
}
