namespace Zmq;

/// <summary>One diagnostic report of the binding, raised through <see cref="ZmqDiagnostics.Event"/>.</summary>
public sealed class ZmqDiagnosticEventArgs : EventArgs
{
    /// <summary>Creates a report.</summary>
    /// <param name="level">How much it matters.</param>
    /// <param name="category">Where it comes from: <c>Reactor</c>, <c>ZeroCopy</c>, <c>Authentication</c> or <c>Monitor</c>.</param>
    /// <param name="message">What happened, in words.</param>
    /// <param name="exception">The exception involved, if any.</param>
    /// <param name="socket">The socket it concerns, if any.</param>
    public ZmqDiagnosticEventArgs(ZmqDiagnosticLevel level, string category, string message, Exception? exception, ZmqSocket? socket)
    {
        Level = level;
        Category = category;
        Message = message;
        Exception = exception;
        Socket = socket;
    }

    /// <summary>How much it matters.</summary>
    public ZmqDiagnosticLevel Level { get; }

    /// <summary>Where it comes from: <c>Reactor</c>, <c>ZeroCopy</c>, <c>Authentication</c> or <c>Monitor</c> (a logger category suffix).</summary>
    public string Category { get; }

    /// <summary>What happened, in words.</summary>
    public string Message { get; }

    /// <summary>The exception involved, if any.</summary>
    public Exception? Exception { get; }

    /// <summary>The socket it concerns, if any (it may be disposed by the time a handler runs: read its <see cref="ZmqSocket.Name"/>, do not call it).</summary>
    public ZmqSocket? Socket { get; }

    /// <summary>The socket's <see cref="ZmqSocket.Name"/>, or null.</summary>
    public string? SocketName => Socket?.Name;
}
