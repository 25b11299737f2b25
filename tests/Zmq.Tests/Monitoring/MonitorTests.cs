using Zmq.Tests.Support;

namespace Zmq.Tests.Monitoring;

public class MonitorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private const ZmqMonitorEventType AnyHandshakeFailure =
        ZmqMonitorEventType.HandshakeFailedNoDetail | ZmqMonitorEventType.HandshakeFailedProtocol | ZmqMonitorEventType.HandshakeFailedAuth;

    [Fact]
    public void Connection_life_cycle_is_reported_as_typed_events() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Rep);
        using var serverMonitor = new ZmqMonitor(server);
        string endpoint = server.BindAny("tcp");
        Assert.True(serverMonitor.WaitFor(ZmqMonitorEventType.Listening, Wait, out var listening));
        Assert.Equal(endpoint, listening.Endpoint);

        var client = context.CreateBounded(ZmqSocketType.Req);
        using var clientMonitor = new ZmqMonitor(client);
        client.Connect(endpoint);
        Assert.True(clientMonitor.WaitFor(ZmqMonitorEventType.Connected, Wait, out var connected));
        Assert.Equal(endpoint, connected.Endpoint);
        Assert.True(serverMonitor.WaitFor(ZmqMonitorEventType.Accepted, Wait, out _));
        Assert.True(serverMonitor.WaitFor(ZmqMonitorEventType.HandshakeSucceeded, Wait, out _));

        client.Dispose();
        Assert.True(serverMonitor.WaitFor(ZmqMonitorEventType.Disconnected, Wait, out _));
    });

    [Fact]
    public void WaitFor_with_an_infinite_timeout_waits_until_the_event_comes() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Rep);
        using var monitor = new ZmqMonitor(server);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Req);
        var connectLater = Task.Run(async () =>
        {
            await Task.Delay(300); // A deliberate delay: the test is that WaitFor waits for a late event.
            client.Connect(endpoint);
        });
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.Accepted, Timeout.InfiniteTimeSpan, out var accepted));
        Assert.Equal(ZmqMonitorEventType.Accepted, accepted.Type);
        connectLater.GetAwaiter().GetResult();
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.WaitFor(ZmqMonitorEventType.Accepted, TimeSpan.FromMilliseconds(-2), out _));
    });

    [Fact]
    public void A_disposed_monitor_stops_libzmqs_side_and_a_new_one_can_watch_the_same_socket() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Router);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        var first = new ZmqMonitor(client);
        client.Connect(endpoint);
        Assert.True(first.WaitFor(ZmqMonitorEventType.HandshakeSucceeded, Wait, out _));
        first.Dispose(); // zmq_socket_monitor(socket, NULL, 0) before the reader closes: must not hang.
        using var second = new ZmqMonitor(client);
        server.Dispose();
        Assert.True(second.WaitFor(ZmqMonitorEventType.Disconnected, Wait, out var lost));
        Assert.Equal(endpoint, lost.Endpoint);
    });

    [Fact]
    public void A_wrong_curve_key_shows_as_a_handshake_failure() => Watchdog.Run(() =>
    {
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        server.MakeCurveServer(serverKeys);
        using var monitor = new ZmqMonitor(server);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Push);
        client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), ZmqCurve.GenerateKeyPair().PublicKey);
        client.Connect(endpoint);
        Assert.True(monitor.WaitFor(AnyHandshakeFailure, Wait, out var failure), "no handshake failure event");
        Assert.NotEqual(ZmqMonitorEventType.HandshakeSucceeded, failure.Type);
    });

    [Fact]
    public async Task Events_can_be_consumed_with_await_foreach_and_the_stream_ends_on_dispose()
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        var monitor = new ZmqMonitor(server, ZmqMonitorEventType.Listening | ZmqMonitorEventType.Accepted);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Push);
        client.Connect(endpoint);

        var seen = new List<ZmqMonitorEventType>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var monitorEvent in monitor.ReadAllAsync(timeout.Token))
        {
            seen.Add(monitorEvent.Type);
            if (monitorEvent.Type == ZmqMonitorEventType.Accepted)
            {
                break;
            }
        }
        Assert.Equal([ZmqMonitorEventType.Listening, ZmqMonitorEventType.Accepted], seen);

        monitor.Dispose();
        monitor.Dispose();
        var rest = new List<ZmqMonitorEvent>();
        await foreach (var monitorEvent in monitor.ReadAllAsync(timeout.Token))
        {
            rest.Add(monitorEvent);
        }
        Assert.False(timeout.IsCancellationRequested, "the stream ended when the monitor was disposed");
    }

    [Fact]
    public void Monitor_stops_cleanly_when_the_context_is_shut_down() => Watchdog.Run(() =>
    {
        var context = new ZmqContext();
        var server = context.CreateBounded(ZmqSocketType.Pull);
        var monitor = new ZmqMonitor(server);
        server.BindAny("tcp");
        context.Shutdown();
        monitor.Dispose();
        server.Dispose();
        context.Dispose();
    });

    [Fact]
    public void EventReceived_is_raised_for_each_event() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        using var monitor = new ZmqMonitor(server);
        using var listening = new ManualResetEventSlim();
        monitor.EventReceived += (_, e) =>
        {
            if (e.Type == ZmqMonitorEventType.Listening)
            {
                listening.Set();
            }
        };
        server.BindAny("tcp");
        Assert.True(listening.Wait(Wait));
    });
}
