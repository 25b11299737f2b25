namespace Zmq;

/// <summary>How much a <see cref="ZmqDiagnosticEventArgs"/> matters; the same steps as <c>Microsoft.Extensions.Logging.LogLevel</c>.</summary>
public enum ZmqDiagnosticLevel
{
    /// <summary>Detail for debugging: monitor events of sockets with a peer table.</summary>
    Debug,
    /// <summary>Normal operation worth a line: authentication decisions that allowed a peer.</summary>
    Information,
    /// <summary>Something went wrong and the library recovered: a denied peer, a handler that threw.</summary>
    Warning,
    /// <summary>An operation failed: a reactor fault that failed parked operations, a zero-copy release that threw.</summary>
    Error,
}
