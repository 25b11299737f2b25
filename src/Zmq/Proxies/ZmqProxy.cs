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
/// <see cref="RunAsync(ZmqSocket, ZmqSocket, ZmqSocket?)"/>.
/// </remarks>
public static class ZmqProxy
{
    /// <summary>
    /// Runs the proxy on the calling thread until the sockets' context is shut down
    /// (<see cref="ZmqContext.Shutdown"/>), which is its normal end: then it returns.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="frontend"/> or <paramref name="backend"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">A socket was disposed.</exception>
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
        // zmq_proxy takes raw socket pointers: hold every handle for the whole run, so a Dispose on
        // another thread waits for the proxy instead of freeing a socket under it.
        var held = new List<ZmqSocket>(4);
        nint Hold(ZmqSocket? socket, string role)
        {
            if (socket is null)
            {
                return 0;
            }
            nint raw = socket.AddNativeReference(role);
            held.Add(socket);
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
