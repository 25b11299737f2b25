namespace Zmq;

/// <summary>
/// Sends commands to a steerable proxy (<see cref="ZmqProxy.RunSteerable"/>) through a PAIR socket
/// connected to the proxy's control socket. Use it from one thread at a time.
/// </summary>
public sealed class ZmqProxyController : IDisposable
{
    private readonly ZmqSocket _socket;

    /// <summary>Connects a PAIR socket to the proxy's control endpoint (bound by the proxy's control PAIR).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is malformed.</exception>
    public ZmqProxyController(ZmqContext context, string controlEndpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        _socket = context.CreateHelperSocket(ZmqSocketType.Pair, TimeSpan.FromSeconds(10), s => s.Connect(controlEndpoint));
    }

    /// <summary>Stops forwarding; messages wait in the sockets' queues.</summary>
    public void Pause() => _socket.SendString("PAUSE");

    /// <summary>Resumes forwarding after <see cref="Pause"/>.</summary>
    public void Resume() => _socket.SendString("RESUME");

    /// <summary>Ends the proxy: <see cref="ZmqProxy.RunSteerable"/> returns.</summary>
    public void Terminate() => _socket.SendString("TERMINATE");

    /// <summary>Asks for the proxy's message and byte counters (<c>STATISTICS</c>).</summary>
    /// <returns>The proxy's message and byte counts on each side.</returns>
    /// <exception cref="ZmqException">No answer within 10 seconds, or a malformed one.</exception>
    public ZmqProxyStatistics GetStatistics()
    {
        _socket.SendString("STATISTICS");
        var frames = _socket.ReceiveMultipart();
        if (frames.Count != 8 || frames.Any(f => f.Length != sizeof(ulong)))
        {
            throw new ZmqException($"The proxy answered STATISTICS with {frames.Count} frames; expected 8 of 8 bytes.");
        }
        ulong Value(int i) => BitConverter.ToUInt64(frames[i]);
        return new ZmqProxyStatistics(
            new ZmqProxyCounters(Value(0), Value(1), Value(2), Value(3)),
            new ZmqProxyCounters(Value(4), Value(5), Value(6), Value(7)));
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
