namespace Zmq;

/// <summary>
/// The binding's own diagnostics, in one place: reactor faults, zero-copy release failures,
/// authentication decisions and the monitor events of sockets with a peer table. The hosting
/// package forwards them to <c>ILogger</c>; anything else can subscribe to <see cref="Event"/>.
/// </summary>
/// <remarks>
/// Handlers run synchronously on the thread that noticed the event (the reactor thread, the
/// thread-pool thread that ran a zero-copy release callback, the ZAP handler's thread, a thread-pool
/// thread for monitor events): keep them short and never block. A handler that throws is caught and dropped (the
/// other handlers still run): a logging bug must never fail a send, stop the reactor or abort the
/// process from a native callback. Nothing is formatted when nobody subscribed.
/// </remarks>
public static class ZmqDiagnostics
{
    private static EventHandler<ZmqDiagnosticEventArgs>? s_event;

    /// <summary>Raised for every diagnostic report. Thread-safe to add and remove handlers.</summary>
    public static event EventHandler<ZmqDiagnosticEventArgs>? Event
    {
        add
        {
            EventHandler<ZmqDiagnosticEventArgs>? current = Volatile.Read(ref s_event), seen;
            do
            {
                seen = current;
                current = Interlocked.CompareExchange(ref s_event, (EventHandler<ZmqDiagnosticEventArgs>?)Delegate.Combine(seen, value), seen);
            }
            while (current != seen);
        }
        remove
        {
            EventHandler<ZmqDiagnosticEventArgs>? current = Volatile.Read(ref s_event), seen;
            do
            {
                seen = current;
                current = Interlocked.CompareExchange(ref s_event, (EventHandler<ZmqDiagnosticEventArgs>?)Delegate.Remove(seen, value), seen);
            }
            while (current != seen);
        }
    }

    /// <summary>Whether anyone listens: callers skip formatting a message otherwise.</summary>
    internal static bool HasSubscribers => Volatile.Read(ref s_event) is not null;

    /// <summary>Reports to every handler; never throws.</summary>
    internal static void Raise(ZmqDiagnosticLevel level, string category, string message, Exception? exception = null, ZmqSocket? socket = null)
    {
        EventHandler<ZmqDiagnosticEventArgs>? handlers = Volatile.Read(ref s_event);
        if (handlers is null)
        {
            return;
        }
        var args = new ZmqDiagnosticEventArgs(level, category, message, exception, socket);
        foreach (Delegate handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<ZmqDiagnosticEventArgs>)handler)(null, args);
            }
#pragma warning disable CA1031 // Documented: a handler's exception is dropped, so no caller (a native callback included) ever sees it.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
