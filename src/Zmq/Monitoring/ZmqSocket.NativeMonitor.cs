using Zmq.Interop;

namespace Zmq;

// The libzmq calls every monitor of a socket makes (ZmqMonitor, and the peer table behind
// ZmqSocket.Peers), written once: each is a call on the monitored socket, so it runs inside the
// socket's exclusion (AddNativeReference: the gate of a classic socket, a handle reference of a
// thread-safe one), like any other call.
//
// Why MONITOR_STOPPED is never asked of libzmq. libzmq's monitor sends block, and stopping a
// monitor (zmq_socket_monitor(s, NULL, 0), or the socket's destructor on the reaper thread) sends
// MONITOR_STOPPED before closing its PAIR: with the reader already gone, or the reader being the
// stopping thread itself (a handler that disposes its socket, the reactor thread), that send never
// returns, and it holds the monitor's mutex, so every later event of the socket blocks too. Without
// it in the mask, stopping only closes libzmq's side. Readers are connected before the monitor
// starts (inproc allows connect before bind), so no event ever finds the PAIR without a reader, and
// closed only after it stopped (OwnedSocketHandle.ReleaseAfterMonitorStops). ZmqMonitor reports
// MonitorStopped itself. libzmq allows one monitor per socket and a second start silently replaces
// the first, so a second start is refused.
//
// One case is left: stopping takes libzmq's monitor mutex, which an I/O thread holds while its
// event waits for room in a full pipe (the send and receive high-water marks, about 2000 unread
// events). If the thread that stops the monitor (disposes the socket) is that pipe's only reader
// (a ZmqMonitor.EventReceived or ZmqPeerTable.Changed handler, or a continuation on the reactor
// thread), it waits for itself. The binding's own locks are no obstacle (the peer table raises
// Changed outside them), but a handler that disposes the socket it watches, or waits for another
// thread that does, risks that one case: better to hand the dispose on and return.
public sealed partial class ZmqSocket
{
    /// <summary>
    /// Starts the socket's one monitor: claims it, connects a reader PAIR to <paramref name="endpoint"/>,
    /// then <c>zmq_socket_monitor(3)</c> (version 1) or the draft <c>zmq_socket_monitor_versioned</c>
    /// (version 2, PAIR) publishing <paramref name="events"/> (never MONITOR_STOPPED) there. The
    /// reader is registered with the handle, which closes it once the monitor stopped.
    /// </summary>
    /// <returns>The connected reader; its owner may close it after <see cref="TryStopNativeMonitor"/> succeeded.</returns>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on the socket,
    /// or the socket already has a monitor (its peer table or a <see cref="ZmqMonitor"/>).</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqException">libzmq refused.</exception>
    internal ZmqSocket StartNativeMonitor(string endpoint, ulong events, bool version2, string role, TimeSpan readerReceiveTimeout)
    {
        ThrowIfDisposed();
        if (!_handle.TryClaimMonitor())
        {
            throw new InvalidOperationException(
                $"{this} already has a monitor (its Peers table, or a ZmqMonitor: one disposed while another thread was in a call on the socket ends only when the socket closes). libzmq allows one monitor per socket, and a second would silently end the first. Use Peers.Changed, or dispose the ZmqMonitor first.");
        }
        ZmqSocket reader;
        try
        {
            reader = Context.CreateHelperSocket(ZmqSocketType.Pair, readerReceiveTimeout, s => s.Connect(endpoint));
            // The reader closes with this socket (OwnedSocketHandle), not by an owner of its own.
            reader.LeaveOwnedCount();
        }
        catch
        {
            _handle.ReleaseMonitorClaim();
            throw;
        }
        try
        {
            CallSocketMonitor(endpoint, events & ~(ulong)LibZmq.ZMQ_EVENT_MONITOR_STOPPED, version2, role);
        }
        catch
        {
            // The reader's connect is pending on an endpoint nobody bound: libzmq would keep the
            // closed reader (a socket slot and a descriptor) until the context ends. A bind settles it.
            try
            {
                Context.CreateHelperSocket(ZmqSocketType.Pair, TimeSpan.Zero, s => s.Bind(endpoint)).Dispose();
            }
#pragma warning disable CA1031 // Best effort on a failure path: the original error is what the caller needs.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            reader.Dispose();
            _handle.ReleaseMonitorClaim();
            throw;
        }
        _handle.ReleaseAfterMonitorStops(reader);
        return reader;
    }

    private unsafe void CallSocketMonitor(string endpoint, ulong events, bool version2, string role)
    {
        Span<byte> scratch = stackalloc byte[128];
        using var address = Utf8Buffer.ForCString(endpoint, scratch, nameof(endpoint));
        string operation = version2 ? "zmq_socket_monitor_versioned" : "zmq_socket_monitor";
        nint raw = AddNativeReference(role, operation);
        try
        {
            fixed (byte* p = address.NulTerminated)
            {
                int rc = version2
                    ? LibZmq.Draft.zmq_socket_monitor_versioned(raw, p, events, LibZmq.Draft.ZMQ_CURRENT_EVENT_VERSION_DRAFT, LibZmq.ZMQ_PAIR)
                    : LibZmq.zmq_socket_monitor_raw(raw, p, (int)events);
                if (rc != 0)
                {
                    ThrowHelper.ThrowLastError(operation, endpoint);
                }
            }
        }
        finally
        {
            ReleaseNativeReference();
        }
    }

    /// <summary>
    /// <c>zmq_socket_monitor(socket, NULL, 0)</c>: stops the socket's monitor (closes libzmq's side;
    /// nothing is sent). False when that cannot be done now: another thread is in a synchronous call
    /// on the socket, or the socket was disposed (its handle stops the monitor just before the
    /// native close).
    /// </summary>
    internal unsafe bool TryStopNativeMonitor()
    {
        nint raw;
        try
        {
            raw = AddNativeReference("The monitored socket", "zmq_socket_monitor");
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
        try
        {
            // Fails only with ETERM: a shut-down context, whose monitors end anyway.
            _ = LibZmq.zmq_socket_monitor_raw(raw, null, 0);
            _handle.ReleaseMonitorClaim();
            return true;
        }
        finally
        {
            ReleaseNativeReference();
        }
    }

    /// <summary>
    /// Closes a monitor's reader once the context was shut down (its pending receive failed with
    /// ETERM): the shutdown stopped the socket's monitor (libzmq's process_stop), so nothing can send
    /// into the reader any more, and the reader must close for <c>zmq_ctx_term</c> to finish. The
    /// handle lets go of the reader and of the monitor claim. Both monitors' read loops end this way.
    /// </summary>
    internal void CloseMonitorReaderAfterShutdown(ZmqSocket reader)
    {
        _handle.ForgetMonitorReader(reader);
        _handle.ReleaseMonitorClaim();
        reader.Dispose();
    }

    /// <summary>The draft <c>zmq_socket_monitor_pipes_stats</c>: one PipesStats event per pipe on the version 2 monitor.</summary>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on the socket.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    /// <exception cref="ZmqException">libzmq refused.</exception>
    internal void RequestNativePipeStatistics(string role, string? endpoint)
    {
        nint raw = AddNativeReference(role, "zmq_socket_monitor_pipes_stats");
        try
        {
            if (LibZmq.Draft.zmq_socket_monitor_pipes_stats(raw) != 0)
            {
                ThrowHelper.ThrowLastError("zmq_socket_monitor_pipes_stats", endpoint);
            }
        }
        finally
        {
            ReleaseNativeReference();
        }
    }
}
