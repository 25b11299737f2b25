namespace Zmq.Samples;

/// <summary>
/// The heartbeat policy of the samples (and of the test host's multi-host peers): ZMTP heartbeats
/// every interval, a connection silent for three intervals is dropped (and re-made by the side
/// that connected), and every connection made or lost is printed as <c>link &lt;event&gt; &lt;endpoint&gt;</c>.
/// </summary>
public static class Heartbeats
{
    /// <summary>Turns heartbeats on for <paramref name="socket"/> and returns the monitor printing its link lines (dispose it before the socket).</summary>
    public static ZmqMonitor Enable(ZmqSocket socket, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.HeartbeatInterval = interval;
        socket.HeartbeatTimeout = interval * 3;
        // The TTL the peer is told has a 100 ms resolution; never let it round down to "none".
        socket.HeartbeatTtl = TimeSpan.FromMilliseconds(Math.Max(100, interval.TotalMilliseconds * 3));
        var monitor = new ZmqMonitor(socket, ZmqMonitorEventType.Connected | ZmqMonitorEventType.Accepted | ZmqMonitorEventType.Disconnected);
        monitor.EventReceived += (_, e) => SampleSession.WriteLine($"link {e.Type} {e.Endpoint}");
        return monitor;
    }
}
