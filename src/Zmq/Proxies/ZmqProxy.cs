using Zmq.Interop;

namespace Zmq;

/// <summary>
/// libzmq's built-in proxy (<c>zmq_proxy(3)</c>, <c>zmq_proxy_steerable(3)</c>): forwards messages
/// between a frontend and a backend socket (ROUTER/DEALER broker, XSUB/XPUB forwarder, PULL/PUSH
/// streamer), optionally copying every message to a capture socket.
/// </summary>
/// <remarks>
/// The proxy owns its sockets while it runs: create them on any thread, then use them only
/// through the proxy until it returns. Run it on its own thread, for example with
/// <see cref="RunAsync(ZmqSocket, ZmqSocket, ZmqSocket?)"/>. This is enforced on classic sockets:
/// the proxy holds each for its whole run as a synchronous call does, so a synchronous call on one
/// from another thread is refused with <see cref="InvalidOperationException"/>, and an asynchronous
/// operation on one waits until the proxy returns (then proceeds if the socket is ready).
/// <see cref="ZmqSocket.Dispose"/> from another thread is allowed: the socket closes when the proxy returns.
/// </remarks>
public static class ZmqProxy
{
    /// <summary>
    /// Runs the proxy on the calling thread until the sockets' context is shut down
    /// (<see cref="ZmqContext.Shutdown"/>), which is its normal end: then it returns.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="frontend"/> or <paramref name="backend"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">A socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on one of the sockets.</exception>
    /// <exception cref="ZmqException">libzmq failed for another reason.</exception>
    public static void Run(ZmqSocket frontend, ZmqSocket backend, ZmqSocket? capture = null) =>
        RunCore(frontend, backend, capture, control: null);

    /// <summary>
    /// Runs a steerable proxy until a <c>TERMINATE</c> command arrives on <paramref name="control"/>
    /// (see <see cref="ZmqProxyController"/>) or the context is shut down. Commands: <c>PAUSE</c>,
    /// <c>RESUME</c>, <c>TERMINATE</c> and <c>STATISTICS</c>. Use a PAIR socket for
    /// <paramref name="control"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">A required socket is null.</exception>
    /// <exception cref="ObjectDisposedException">A socket was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on one of the sockets.</exception>
    /// <exception cref="ZmqException">libzmq failed for another reason.</exception>
    public static void RunSteerable(ZmqSocket frontend, ZmqSocket backend, ZmqSocket control, ZmqSocket? capture = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        RunCore(frontend, backend, capture, control);
    }

    /// <summary>Runs <see cref="Run"/> on a dedicated background thread.</summary>
    public static Task RunAsync(ZmqSocket frontend, ZmqSocket backend, ZmqSocket? capture = null) =>
        Task.Factory.StartNew(() => Run(frontend, backend, capture), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs <see cref="RunSteerable"/> on a dedicated background thread.</summary>
    public static Task RunSteerableAsync(ZmqSocket frontend, ZmqSocket backend, ZmqSocket control, ZmqSocket? capture = null) =>
        Task.Factory.StartNew(() => RunSteerable(frontend, backend, control, capture), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void RunCore(ZmqSocket frontend, ZmqSocket backend, ZmqSocket? capture, ZmqSocket? control)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        ArgumentNullException.ThrowIfNull(backend);
        // zmq_proxy takes raw socket pointers and calls into them for its whole run: enter every
        // socket (a classic socket's gate) until it returns, so a Dispose on another thread waits for
        // the proxy instead of freeing a socket under it, and no other call runs on one meanwhile
        // (Async/SocketAsyncContext.cs, "Calls from outside the socket"). A socket in two roles is entered once.
        var held = new List<ZmqSocket>(4);
        var raws = new List<nint>(4);
        nint Hold(ZmqSocket? socket, string role)
        {
            if (socket is null)
            {
                return 0;
            }
            int already = held.IndexOf(socket);
            if (already >= 0)
            {
                return raws[already];
            }
            nint raw = socket.AddNativeReference(role, control is null ? "zmq_proxy" : "zmq_proxy_steerable");
            held.Add(socket);
            raws.Add(raw);
            return raw;
        }
        try
        {
            nint front = Hold(frontend, "The frontend"), back = Hold(backend, "The backend");
            nint captured = Hold(capture, "The capture socket"), controller = Hold(control, "The control socket");
            int rc = control is null
                ? LibZmq.zmq_proxy(front, back, captured)
                : LibZmq.zmq_proxy_steerable(front, back, captured, controller);
            if (rc != 0)
            {
                int errno = LibZmq.zmq_errno();
                if (errno != LibZmq.ETERM)
                {
                    ThrowHelper.ThrowErrno(errno, control is null ? "zmq_proxy" : "zmq_proxy_steerable");
                }
            }
        }
        finally
        {
            held.ForEach(socket => socket.ReleaseNativeReference());
        }
    }
}
