using System.Net;
using System.Net.Sockets;
using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

/// <summary>
/// libzmq stops a socket's monitor in the socket's destructor, on the context's one reaper thread,
/// with a blocking send of MONITOR_STOPPED into the monitor's PAIR. When the binding closed its
/// reader first (the peer table did at every Dispose, ZmqMonitor when disposed after its socket),
/// that send had no peer and never returned: the reaper stopped, and every socket closed after it
/// kept its connections open until the context was terminated. Found by the peer table's
/// concurrent-handshake test, whose good clients sometimes never disconnected.
/// </summary>
public class MonitorReaderLifetimeTests
{
    [Theory]
    [InlineData("peer table")]
    [InlineData("ZmqMonitor disposed after its socket")]
    public void Closing_a_monitored_socket_never_stalls_the_closing_of_the_sockets_after_it(string reader) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();

        // The monitored socket: connected to a TCP peer that never speaks ZMTP, so its message stays
        // queued and libzmq destroys it only when its linger runs out, well after Dispose returned.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var monitored = context.CreateSocket(ZmqSocketType.Push);
        monitored.Linger = TimeSpan.FromMilliseconds(200);
        ZmqMonitor? monitor = null;
        if (reader == "peer table")
        {
            _ = monitored.Peers;
        }
        else
        {
            monitor = new ZmqMonitor(monitored);
        }
        monitored.Connect($"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        using Socket accepted = silent.AcceptSocket();
        Assert.True(monitored.TrySend(new byte[1], ZmqSendFlags.DontWait));
        monitored.Dispose();
        monitor?.Dispose();

        // Its linger ran out and libzmq tore it down once its connection ends (the peer reads EOF).
        accepted.ReceiveTimeout = (int)TestSockets.Timeout.TotalMilliseconds;
        byte[] buffer = new byte[256];
        while (accepted.Receive(buffer) > 0)
        {
            // The ZMTP greeting; then end of stream when the socket is destroyed.
        }

        // A socket closed after it must still close its connection.
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        ZmqPeerTable serverPeers = server.Peers;
        string endpoint = server.BindAny("tcp");
        var client = context.CreateBounded(ZmqSocketType.Push);
        client.Connect(endpoint);
        EventWaits.Until(() => serverPeers.ConnectedCount == 1, "the client connected");
        client.Dispose();
        EventWaits.Until(() => serverPeers.ConnectedCount == 0,
            "the next socket's close never closed its connection: the context's reaper thread is stuck in the monitored socket's destructor");
    });
}
