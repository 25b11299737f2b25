using Zmq.Tests.Support;

namespace Zmq.Tests.Monitoring;

/// <summary>
/// The draft version 2 monitor format (zmq_socket_monitor_versioned): both endpoints, 64-bit values
/// and pipe statistics, through the same ZmqMonitor; NotSupportedException without drafts.
/// </summary>
public class VersionedMonitorTests
{
    [Fact]
    public void Version_2_events_carry_both_endpoints_of_a_connection() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Router);
        if (!ZmqLibrary.Has("draft"))
        {
            var error = Assert.Throws<NotSupportedException>(() => new ZmqMonitor(server, ZmqMonitorEventType.All, ZmqMonitorFormat.Version2));
            Assert.Contains("zmq_socket_monitor_versioned", error.Message, StringComparison.Ordinal);
            return;
        }
        using var serverMonitor = new ZmqMonitor(server, ZmqMonitorEventType.All, ZmqMonitorFormat.Version2);
        string endpoint = server.BindAny("tcp");
        Assert.True(serverMonitor.WaitFor(ZmqMonitorEventType.Listening, TestSockets.Timeout, out var listening));
        Assert.Equal(endpoint, listening.LocalEndpoint);
        Assert.Equal(string.Empty, listening.RemoteEndpoint);
        Assert.Equal(endpoint, listening.Endpoint);

        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        using var clientMonitor = new ZmqMonitor(client, ZmqMonitorEventType.All, ZmqMonitorFormat.Version2);
        client.Connect(endpoint);
        Assert.True(clientMonitor.WaitFor(ZmqMonitorEventType.Connected, TestSockets.Timeout, out var connected));
        Assert.Equal(endpoint, connected.RemoteEndpoint);
        Assert.Single(connected.Values);

        Assert.True(serverMonitor.WaitFor(ZmqMonitorEventType.Accepted, TestSockets.Timeout, out var accepted));
        Assert.Equal(endpoint, accepted.LocalEndpoint);
        Assert.StartsWith("tcp://127.0.0.1:", accepted.RemoteEndpoint, StringComparison.Ordinal);
        Assert.NotEqual(endpoint, accepted.RemoteEndpoint);
        Assert.Equal(accepted.RemoteEndpoint, accepted.Endpoint);
        Assert.True(accepted.Values[0] > 2, $"the accepted descriptor is {accepted.Values[0]}");
    });

    [Fact]
    public void Pipe_statistics_count_the_messages_queued_in_each_pipe() => Watchdog.Run(() =>
    {
        if (!ZmqLibrary.Has("draft"))
        {
            return; // the format itself is NotSupportedException there (test above)
        }
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        using var monitor = new ZmqMonitor(server, ZmqMonitorEventType.All, ZmqMonitorFormat.Version2);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Push);
        client.Connect(endpoint);
        for (int i = 0; i < 3; i++)
        {
            client.SendString($"queued {i}");
        }
        // Ask until the statistics show the three in the server's pipe (they cross the connection
        // in their own time), without reading them. Not before the first is readable: libzmq
        // refuses the request (EAGAIN) while the socket has no pipe.
        EventWaits.WaitUntilReadable(server);
        ZmqMonitorEvent stats = default;
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (DateTime.UtcNow < deadline && !(stats.Type == ZmqMonitorEventType.PipesStats && stats.Values.Count == 2 && stats.Values[1] == 3))
        {
            monitor.RequestPipeStatistics();
            // The answers come back as commands to the socket, which it handles during its next calls.
            while (DateTime.UtcNow < deadline && !monitor.WaitFor(ZmqMonitorEventType.PipesStats, TimeSpan.FromMilliseconds(20), out stats))
            {
                _ = server.Events;
            }
        }
        Assert.Equal(ZmqMonitorEventType.PipesStats, stats.Type);
        Assert.Equal(2, stats.Values.Count);
        Assert.Equal(0UL, stats.Values[0]); // outbound: a PULL sends nothing
        Assert.Equal(3UL, stats.Values[1]); // inbound: the three unread messages
    });

    [Fact]
    public void Pipe_statistics_need_the_version_2_format()
    {
        using var context = new ZmqContext();
        using var socket = context.CreateBounded(ZmqSocketType.Pull);
        using var monitor = new ZmqMonitor(socket);
        Assert.Equal(ZmqMonitorFormat.Version1, monitor.Format);
        var error = Assert.Throws<InvalidOperationException>(monitor.RequestPipeStatistics);
        Assert.Contains("Version2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZmqMonitor(socket, ZmqMonitorEventType.PipesStats, ZmqMonitorFormat.Version1));
    }
}
