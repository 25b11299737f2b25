using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zmq.Hosting;
using Zmq.Tests.Support;

namespace Zmq.Tests.Hosting;

public class HostingShutdownTests
{
    private const int Total = 5000;
    private static readonly byte[] Payload = new byte[16 * 1024];

    /// <summary>
    /// A peer that does not read and thousands of pending sends: stopping ends within the ZeroMQ
    /// shutdown timeout (not when the peer reads), and every send is either delivered or reported: a send the socket
    /// refused fails in the sender (counted), and messages still queued when the budget ran out are
    /// reported by the drain-cut warning. Without that warning, every accepted message arrived.
    /// </summary>
    // The second row: a socket's own linger (the context's DefaultLinger) shorter than the budget
    // cuts the queue first; that cut was logged as "delivered" while only a spent budget counted.
    [Theory]
    [InlineData("1s", null)]
    [InlineData("5s", "500ms")]
    public void Stop_with_a_peer_that_does_not_read_ends_within_the_timeout_and_reports_what_it_could_not_deliver(string budget, string? defaultLinger) => Watchdog.Run(() =>
    {
        using var peerContext = new ZmqContext();
        using ZmqSocket peer = peerContext.CreateSocket(ZmqSocketType.Pull);
        peer.ReceiveHighWatermark = 1;
        peer.ReceiveBuffer = 16 * 1024;
        peer.ReceiveTimeout = TimeSpan.FromSeconds(1);
        peer.Bind("tcp://127.0.0.1:*");
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:ShutdownTimeout"] = budget,
            ["Zmq:Sockets:out:Type"] = "Push",
            ["Zmq:Sockets:out:SendHighWatermark"] = "100",
            ["Zmq:Sockets:out:SendBuffer"] = "16384", // small kernel buffers: the queue stays in ZeroMQ
            ["Zmq:Sockets:out:Connect:0"] = peer.LastEndpoint,
        };
        if (defaultLinger is not null)
        {
            settings["Zmq:Context:DefaultLinger"] = defaultLinger;
        }
        var logs = new LogSink();
        using IHost host = TestHosts.Build(settings, logs, services =>
        {
            services.AddSingleton<Producer>();
            services.AddHostedService(provider => provider.GetRequiredService<Producer>());
            services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        });
        var producer = host.Services.GetRequiredService<Producer>();
        host.Start();

        // The peer reads nothing until the host has stopped, so the send queue (SNDHWM 100, kernel
        // buffers of a few messages) is full when the stop begins and cannot drain in the budget:
        // the cut is certain, not a race between the peer's pace and the budget (with a peer reading
        // every 5 ms, the kernel's socket buffers swallowed all 400 messages on a quiet machine and
        // nothing was left to cut).
        EventWaits.Until(() => producer.Accepted >= 100, "the producer did not get 100 messages queued");

        var stopwatch = Stopwatch.StartNew();
        host.StopAsync().GetAwaiter().GetResult();
        stopwatch.Stop();
        Assert.True(stopwatch.Elapsed < ConfigurationDuration(budget) + TimeSpan.FromSeconds(4), $"stop took {stopwatch.Elapsed}");
        Assert.True(producer.Finished.Wait(TimeSpan.FromSeconds(10)));

        // Then the peer takes what reached it before the socket closed, until a second of silence.
        int received = 0;
        byte[] buffer = new byte[Payload.Length];
        while (peer.TryReceive(buffer, out _)) // false after a second of silence (ReceiveTimeout)
        {
            received++;
        }

        Assert.Equal(Total, producer.Accepted + producer.Refused + producer.NotAttempted);
        Assert.True(received < producer.Accepted, $"a peer that read nothing during the stop got all {received} accepted messages"
            + $" (stop {stopwatch.Elapsed}, refused {producer.Refused}, not attempted {producer.NotAttempted}); logs: {string.Join(" | ", logs.Entries.Select(e => $"{e.Category}/{e.EventId}: {e.Message}"))}");
        bool cut = logs.Entries.Any(e => e.Category == "Zmq.Hosting" && e.Level == LogLevel.Warning && e.EventId == 12);
        Assert.True(cut, $"{producer.Accepted - received} accepted messages were neither delivered nor reported");
    });

    // A socket from Create that its owner left open kept the context alive: the context's
    // termination moved to a background thread, the drain returned at once and logged its queue as
    // delivered while the socket went on lingering past the budget.
    [Fact]
    public void A_created_socket_left_open_is_drained_with_the_others_and_named() => Watchdog.Run(() =>
    {
        using var peerContext = new ZmqContext();
        using ZmqSocket peer = peerContext.CreateSocket(ZmqSocketType.Pull);
        peer.ReceiveHighWatermark = 1;
        peer.ReceiveBuffer = 16 * 1024;
        peer.Bind("tcp://127.0.0.1:*");
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:ShutdownTimeout"] = "1s",
            ["Zmq:Sockets:out:Type"] = "Push",
            ["Zmq:Sockets:out:SendHighWatermark"] = "100",
            ["Zmq:Sockets:out:SendBuffer"] = "16384",
            ["Zmq:Sockets:out:Linger"] = "30s", // its own linger would outlast the budget
            ["Zmq:Sockets:out:Connect:0"] = peer.LastEndpoint,
        };
        var logs = new LogSink();
        using IHost host = TestHosts.Build(settings, logs);
        host.Start();
        ZmqSocket extra = host.Services.GetRequiredService<IZmqSocketFactory>().Create("out");
        int queued = 0;
        while (queued < Total && extra.TrySend(Payload, ZmqSendFlags.DontWait))
        {
            queued++; // until the high-water mark: the peer reads nothing
        }
        Assert.InRange(queued, 1, Total - 1);

        var stopwatch = Stopwatch.StartNew();
        host.StopAsync().GetAwaiter().GetResult();
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stop took {stopwatch.Elapsed}");
        Assert.True(extra.IsDisposed, "the drain closed the socket its owner left open");
        Assert.Contains(logs.Entries, e => e.Category == "Zmq.Hosting" && e.Level == LogLevel.Warning && e.EventId == 14 && e.Message.Contains("(out)", StringComparison.Ordinal));
        Assert.True(logs.Entries.Any(e => e.Category == "Zmq.Hosting" && e.Level == LogLevel.Warning && e.EventId == 12),
            $"{queued} messages queued on a peer that read nothing were neither delivered nor reported; logs: {string.Join(" | ", logs.Entries.Select(e => e.Message))}");
    });

    [Fact]
    public void Stop_with_a_reachable_peer_delivers_every_queued_message() => Watchdog.Run(() =>
    {
        using var peerContext = new ZmqContext();
        using ZmqSocket peer = peerContext.CreateSocket(ZmqSocketType.Pull);
        peer.Bind("tcp://127.0.0.1:*");
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:ShutdownTimeout"] = "20s",
            ["Zmq:Sockets:out:Type"] = "Push",
            ["Zmq:Sockets:out:Connect:0"] = peer.LastEndpoint,
        };
        var logs = new LogSink();
        using IHost host = TestHosts.Build(settings, logs);
        host.Start();
        ZmqSocket output = host.Services.GetRequiredKeyedService<ZmqSocket>("out");
        for (int i = 0; i < 1000; i++)
        {
            output.Send(Payload);
        }
        // The peer only starts reading once the host is stopping: the drain must wait for it.
        Task stop = host.StopAsync();
        int received = 0;
        byte[] buffer = new byte[Payload.Length];
        peer.ReceiveTimeout = TimeSpan.FromSeconds(10);
        for (; received < 1000; received++)
        {
            peer.Receive(buffer);
        }
        Assert.True(stop.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(1000, received);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    });

    [Fact]
    public void Health_checks_follow_the_sockets_and_their_peers_through_start_and_stop() => Watchdog.Run(() =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Sockets:front:Type"] = "Router",
            ["Zmq:Sockets:front:Bind"] = "tcp://127.0.0.1:*",
        };
        using IHost host = TestHosts.Build(settings, zmq: zmq => zmq.AddHealthChecks("zmq"));
        var health = host.Services.GetRequiredService<HealthCheckService>();
        HealthReport before = health.CheckHealthAsync().GetAwaiter().GetResult();
        Assert.Equal(HealthStatus.Unhealthy, before.Entries["zmq:front"].Status);
        host.Start();
        HealthReport alone = health.CheckHealthAsync().GetAwaiter().GetResult();
        Assert.Equal(HealthStatus.Degraded, alone.Entries["zmq:front"].Status);
        Assert.Contains("zmq", alone.Entries["zmq:front"].Tags);

        using var clientContext = new ZmqContext();
        using ZmqSocket client = clientContext.CreateSocket(ZmqSocketType.Dealer);
        client.Connect(host.Services.GetRequiredKeyedService<ZmqSocket>("front").LastEndpoint);
        EventWaits.Until(() => health.CheckHealthAsync().GetAwaiter().GetResult().Entries["zmq:front"].Status == HealthStatus.Healthy,
            "the connected client did not make the socket healthy");
        host.StopAsync().GetAwaiter().GetResult();
        HealthReport stopped = health.CheckHealthAsync().GetAwaiter().GetResult();
        Assert.Equal(HealthStatus.Unhealthy, stopped.Entries["zmq:front"].Status);
    });

    [Fact]
    public void The_binding_diagnostics_reach_ILogger_under_Zmq_categories() => Watchdog.Run(() =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Sockets:front:Type"] = "Router",
            ["Zmq:Sockets:front:Bind"] = "tcp://127.0.0.1:*",
        };
        var logs = new LogSink();
        using IHost host = TestHosts.Build(settings, logs);
        host.Start();
        using var clientContext = new ZmqContext();
        using ZmqSocket client = clientContext.CreateSocket(ZmqSocketType.Dealer);
        client.Connect(host.Services.GetRequiredKeyedService<ZmqSocket>("front").LastEndpoint);
        // Monitor events of the host's sockets arrive at Debug, tagged with the socket's name.
        EventWaits.Until(() => logs.Entries.Any(e => e.Category.StartsWith("Zmq.", StringComparison.Ordinal)
            && e.Category != "Zmq.Hosting" && e.Level == LogLevel.Debug && e.Message.Contains("[front]", StringComparison.Ordinal)),
            "no monitor event of 'front' was logged");
        host.StopAsync().GetAwaiter().GetResult();
    });

    // The drain closed the sockets under the registry's lock, and closing a socket runs code that is
    // not the registry's: the close-out of its peer table raises Peers.Changed for the connections
    // the close ends, on the closing thread when nothing else is raising the table's changes (here
    // for certain: a worker is still in a Receive on the socket, so its handle, and with it the
    // monitor's reader, stays open until the context's shutdown ends that call). A handler that
    // blocked there (a slow log sink, a wait for another thread) held every registry call with it:
    // health checks and Create waited for the handler, not for the drain.
    [Fact]
    public void Health_checks_and_Create_answer_while_the_drain_closes_a_socket_whose_handler_blocks() => Watchdog.Run(() =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:ShutdownTimeout"] = "5s",
            ["Zmq:Sockets:front:Type"] = "Router",
            ["Zmq:Sockets:front:Linger"] = "30s",
            ["Zmq:Sockets:front:Bind"] = "tcp://127.0.0.1:*",
        };
        using IHost host = TestHosts.Build(settings, zmq: zmq => zmq.AddHealthChecks("zmq"));
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var factory = host.Services.GetRequiredService<IZmqSocketFactory>();
        host.Start();
        ZmqSocket front = host.Services.GetRequiredKeyedService<ZmqSocket>("front");
        using var clientContext = new ZmqContext();
        using ZmqSocket client = clientContext.CreateSocket(ZmqSocketType.Dealer);
        client.Connect(front.LastEndpoint);
        EventWaits.Until(() => front.Peers.ConnectedCount == 1, "the client is connected to the host's socket");
        front.ReceiveTimeout = TestSockets.Timeout * 3; // the client sends nothing: the context's shutdown ends the call
        Task<Exception?> worker = Task.Factory.StartNew<Exception?>(() => Record.Exception(() => front.ReceiveMultipart()),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        EventWaits.WaitUntilInCall(front);

        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        front.Peers.Changed += (_, peer) =>
        {
            if (peer.State == ZmqPeerState.Disconnected && front.IsDisposed)
            {
                entered.Set();
                release.Wait(TestSockets.Timeout * 3); // bounded: a failing run still ends
            }
        };
        Task stop = Task.Run(() => host.StopAsync());
        try
        {
            Assert.True(entered.Wait(TestSockets.Timeout), "the drain closed the socket and its close-out raised Changed");
            // The handler holds on until these answered: a registry call that waited for the drain's
            // close could not answer before the handler was released.
            Task<HealthReport> check = Task.Run(() => health.CheckHealthAsync());
            Task<Exception?> create = Task.Run<Exception?>(() => Record.Exception(() => factory.Create("front")));
            Assert.True(check.Wait(TestSockets.Timeout), "a health check answered while a socket's close-out handler still ran in the drain");
            Assert.Equal(HealthStatus.Unhealthy, check.Result.Entries["zmq:front"].Status);
            Assert.True(create.Wait(TestSockets.Timeout), "Create answered while a socket's close-out handler still ran in the drain");
            Assert.IsType<ObjectDisposedException>(create.Result);
            // Both answered while the drain was still held up inside the handler: the stop has not ended.
            Assert.False(stop.IsCompleted, "the drain ended before the handler was released: this run did not test answering during a close");
        }
        finally
        {
            release.Set();
        }
        Assert.True(stop.Wait(TestSockets.Timeout * 3), "the host stopped once the handler returned");
        Assert.True(worker.Wait(TestSockets.Timeout), "the context's shutdown ended the worker's Receive");
        Assert.IsType<ZmqContextTerminatedException>(worker.Result);
    });

    /// <summary>Queues <see cref="Total"/> sends as fast as the socket takes them, until the host stops it.</summary>
    private sealed class Producer(IZmqSocketFactory sockets) : BackgroundService
    {
        private int _accepted;

        public int Accepted => Volatile.Read(ref _accepted);

        public int Refused { get; private set; }

        public int NotAttempted { get; private set; }

        public ManualResetEventSlim Finished { get; } = new();

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            ZmqSocket output = sockets.Get("out");
            int attempted = 0;
            try
            {
                for (; attempted < Total; attempted++)
                {
                    try
                    {
                        await output.SendAsync(Payload, cancellationToken: stoppingToken);
                        Interlocked.Increment(ref _accepted);
                    }
                    catch (OperationCanceledException)
                    {
                        // Reported to the sender: this message was never queued.
                        Refused++;
                        attempted++;
                        break;
                    }
                }
            }
            finally
            {
                NotAttempted = Total - attempted;
                Finished.Set();
            }
        }
    }

    private static TimeSpan ConfigurationDuration(string text) => TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));
}
