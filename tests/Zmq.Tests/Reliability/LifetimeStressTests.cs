using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

/// <summary>Lifetime under stress: no crash, no hang, no leaked file descriptor (catalogue L19, L29, P05, P06, C01, C03).</summary>
[Collection(DescriptorCountingCollection.Name)]
public class LifetimeStressTests
{
    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    [Fact]
    public void Libzmqs_shutdown_stress_ten_rounds_of_a_hundred_subscriber_threads_neither_crashes_nor_hangs() => Watchdog.Run(TimeSpan.FromMinutes(1), () =>
    {
        // libzmq's test_shutdown_stress as it runs it: per round, 100 threads each create a SUB,
        // connect it to the bound PUB and dispose it at once, on a context with 7 I/O threads.
        for (int round = 0; round < 10; round++)
        {
            using var context = new ZmqContext { IoThreads = 7 };
            using var pub = context.CreateSocket(ZmqSocketType.Pub);
            pub.Linger = TimeSpan.Zero;
            string endpoint = pub.BindAny("tcp");
            var failures = new List<Exception>();
            var threads = Enumerable.Range(0, 100).Select(_ => new Thread(() =>
            {
                try
                {
                    using var sub = context.CreateSocket(ZmqSocketType.Sub);
                    sub.Linger = TimeSpan.Zero;
                    sub.Connect(endpoint);
                }
                catch (Exception e)
                {
                    lock (failures)
                    {
                        failures.Add(e);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Empty(failures);
        }
    });

    [LinuxFact]
    public void Thousands_of_sockets_come_and_go_without_leaking_descriptors() => Watchdog.Run(TimeSpan.FromMinutes(2), () =>
    {
        // Warm up once so one-time descriptors (the reactor, epoll, libzmq's own) are counted before.
        using (var warm = new ZmqContext())
        {
            using var socket = warm.CreateSocket(ZmqSocketType.Pair);
        }
        int before = OpenDescriptors();
        for (int round = 0; round < 3; round++)
        {
            using var context = new ZmqContext { MaxSockets = 2100 };
            var sockets = new List<ZmqSocket>();
            for (int i = 0; i < 1000; i++)
            {
                var pull = context.CreateSocket(ZmqSocketType.Pull);
                string endpoint = pull.BindAny(i % 2 == 0 ? "inproc" : "tcp");
                var push = context.CreateSocket(ZmqSocketType.Push);
                push.Connect(endpoint);
                sockets.Add(pull);
                sockets.Add(push);
            }
            sockets.ForEach(s => s.Dispose());
        }
        int after = OpenDescriptors();
        Assert.True(after <= before + 2, $"{after - before} descriptors leaked ({before} before, {after} after)");
    });

    [Fact]
    public void Shutdown_while_many_threads_create_connect_use_and_dispose_sockets_neither_crashes_nor_hangs() => Watchdog.Run(TimeSpan.FromMinutes(2), () =>
    {
        for (int round = 0; round < 5; round++)
        {
            var context = new ZmqContext();
            using var sink = context.CreateSocket(ZmqSocketType.Pull);
            string endpoint = sink.BindAny("inproc");
            using var start = new Barrier(9);
            var unexpected = new List<Exception>();
            var workers = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    while (true)
                    {
                        ZmqSocket push;
                        try
                        {
                            push = context.CreateSocket(ZmqSocketType.Push);
                        }
                        catch (ZmqException e) when (e.Error == ZmqError.TooManyOpenFiles)
                        {
                            // Closed sockets keep their slot until libzmq's reaper thread frees
                            // them; eight threads can outrun it. That is back-pressure, not a bug.
                            Thread.Sleep(1);
                            continue;
                        }
                        using (push)
                        {
                            push.Linger = TimeSpan.Zero;
                            push.Connect(endpoint);
                            push.TrySendString("work", ZmqSendFlags.DontWait);
                        }
                    }
                }
                catch (ZmqContextTerminatedException)
                {
                    // The expected end: the context was shut down under us.
                }
                catch (ObjectDisposedException)
                {
                    // Also expected: the context was disposed between two calls.
                }
                catch (Exception e)
                {
                    lock (unexpected)
                    {
                        unexpected.Add(e);
                    }
                }
            })).ToList();
            workers.ForEach(t => t.Start());
            start.SignalAndWait();
            Thread.Sleep(50); // Let the workers run for a while: the shutdown is meant to land mid-work, at no particular point.
            context.Shutdown();
            Assert.All(workers, t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a worker hung after Shutdown"));
            sink.Dispose();
            context.Dispose();
            Assert.Empty(unexpected);
        }
    });

    [Fact]
    public void Dispose_racing_a_blocked_receive_is_safe_and_shutdown_still_releases_it() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pull);
        socket.Bind(Endpoints.Inproc());
        Exception? failure = null;
        var receiver = new Thread(() =>
        {
            try
            {
                socket.Receive(new byte[8]);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        receiver.Start();
        EventWaits.WaitUntilInCall(socket);
        socket.Dispose(); // The call in flight keeps the native socket alive: no crash.
        Assert.True(receiver.IsAlive, "Dispose alone does not interrupt a blocked call");
        context.Shutdown();
        Assert.True(receiver.Join(TimeSpan.FromSeconds(10)));
        Assert.IsType<ZmqContextTerminatedException>(failure);
    });

    [Fact]
    public void Hundreds_of_disposals_racing_a_receive_in_flight_never_abort_the_process()
    {
        // In a child process: were zmq_close ever to run under the receive, libzmq would abort
        // (libzmq#3599), and that must fail this test rather than kill the runner.
        var result = ChildProcess.RunTestHost("dispose-racing-calls", TimeSpan.FromSeconds(120), null, "300");
        result.AssertSucceeded();
        Assert.Contains("rounds: 300", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Abandoned_contexts_and_sockets_are_cleaned_up_by_finalizers_without_hanging() => Watchdog.Run(TimeSpan.FromMinutes(2), () =>
    {
        static void Abandon()
        {
            for (int i = 0; i < 50; i++)
            {
                var context = new ZmqContext();
                var push = context.CreateSocket(ZmqSocketType.Push);
                push.Connect("tcp://127.0.0.1:1");
                push.TrySendString("never delivered", ZmqSendFlags.DontWait);
                var pull = context.CreateSocket(ZmqSocketType.Pull);
                pull.Bind(Endpoints.Inproc());
            }
        }
        Abandon();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
    });

    [LinuxFact]
    public void A_hundred_dealers_in_a_second_context_come_and_go_without_leaking_or_hanging() => Watchdog.Run(() =>
    {
        int before = OpenDescriptors();
        using (var serverContext = new ZmqContext())
        using (var clientContext = new ZmqContext())
        using (var router = serverContext.CreateBounded(ZmqSocketType.Router))
        {
            router.SetRouterMandatory(true);
            string endpoint = router.BindAny("tcp");
            for (int i = 0; i < 100; i++)
            {
                using var dealer = clientContext.CreateBounded(ZmqSocketType.Dealer);
                byte[] id = Encoding.ASCII.GetBytes($"dealer-{i}");
                dealer.RoutingId = id;
                dealer.Connect(endpoint);
                // The router learns the id only once the handshake is done: retry while unreachable.
                Assert.True(SpinWait.SpinUntil(() =>
                {
                    try
                    {
                        router.SendMultipart(id, "welcome"u8.ToArray());
                        return true;
                    }
                    catch (ZmqException e) when (e.Error == ZmqError.HostUnreachable)
                    {
                        return false;
                    }
                }, TestSockets.Timeout), $"dealer {i} never became reachable");
                Assert.Equal("welcome", dealer.ReceiveString());
            }
        }
        // Closed sockets give their descriptors back once libzmq's reaper has run.
        Assert.True(SpinWait.SpinUntil(() => OpenDescriptors() <= before + 2, TestSockets.Timeout),
            $"descriptors: {before} before, {OpenDescriptors()} after");
    });
}
