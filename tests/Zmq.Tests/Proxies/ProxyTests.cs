using Zmq.Tests.Support;

namespace Zmq.Tests.Proxies;

public class ProxyTests
{
    [Fact]
    public void Router_dealer_broker_forwards_requests_and_replies_and_stops_on_shutdown() => Watchdog.Run(() =>
    {
        var context = new ZmqContext();
        var frontend = context.CreateBounded(ZmqSocketType.Router);
        var backend = context.CreateBounded(ZmqSocketType.Dealer);
        string clients = frontend.BindAny("inproc");
        string workers = backend.BindAny("inproc");
        Task proxy = ZmqProxy.RunAsync(frontend, backend);

        using var worker = context.CreateBounded(ZmqSocketType.Rep);
        using var client = context.CreateBounded(ZmqSocketType.Req);
        worker.Connect(workers);
        client.Connect(clients);
        for (int i = 0; i < 5; i++)
        {
            client.SendString($"job {i}");
            Assert.Equal($"job {i}", worker.ReceiveString());
            worker.SendString($"done {i}");
            Assert.Equal($"done {i}", client.ReceiveString());
        }

        context.Shutdown();
        Assert.True(proxy.Wait(TimeSpan.FromSeconds(10)), "the proxy returned after Shutdown");
        frontend.Dispose();
        backend.Dispose();
        worker.Dispose();
        client.Dispose();
        context.Dispose();
    });

    [Fact]
    public void Capture_socket_gets_a_copy_of_every_frame() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        var frontend = context.CreateBounded(ZmqSocketType.Pull);
        var backend = context.CreateBounded(ZmqSocketType.Push);
        var capture = context.CreateBounded(ZmqSocketType.Push);
        string input = frontend.BindAny("inproc");
        string output = backend.BindAny("inproc");
        string tap = capture.BindAny("inproc");
        using var producer = context.CreateBounded(ZmqSocketType.Push);
        using var consumer = context.CreateBounded(ZmqSocketType.Pull);
        using var listener = context.CreateBounded(ZmqSocketType.Pull);
        producer.Connect(input);
        consumer.Connect(output);
        listener.Connect(tap);
        Task proxy = ZmqProxy.RunAsync(frontend, backend, capture);

        producer.SendMultipart("a", "b");
        Assert.Equal(["a", "b"], consumer.ReceiveMultipartStrings());
        Assert.Equal(["a", "b"], listener.ReceiveMultipartStrings());

        context.Shutdown();
        Assert.True(proxy.Wait(TimeSpan.FromSeconds(10)));
        frontend.Dispose();
        backend.Dispose();
        capture.Dispose();
    });

    [Fact]
    public void Steerable_proxy_pauses_resumes_counts_and_terminates_even_when_the_backend_is_blocked() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        var frontend = context.CreateBounded(ZmqSocketType.Pull);
        var backend = context.CreateBounded(ZmqSocketType.Push);
        var control = context.CreateBounded(ZmqSocketType.Pair);
        string input = frontend.BindAny("inproc");
        string output = backend.BindAny("inproc");
        string controlEndpoint = control.BindAny("inproc");
        using var producer = context.CreateBounded(ZmqSocketType.Push);
        using var consumer = context.CreateBounded(ZmqSocketType.Pull);
        producer.Connect(input);
        consumer.Connect(output);
        using var controller = new ZmqProxyController(context, controlEndpoint);
        Task proxy = ZmqProxy.RunSteerableAsync(frontend, backend, control);

        producer.SendString("one");
        Assert.Equal("one", consumer.ReceiveString());

        controller.Pause();
        var statistics = controller.GetStatistics(); // Answered while paused: the command was handled.
        Assert.Equal(1UL, statistics.Frontend.MessagesReceived);
        Assert.Equal(3UL, statistics.Frontend.BytesReceived);
        Assert.Equal(1UL, statistics.Backend.MessagesSent);
        producer.SendString("two");
        consumer.ReceiveTimeout = TimeSpan.FromMilliseconds(300);
        Assert.False(consumer.TryReceiveString(out _), "nothing is forwarded while paused");
        controller.Resume();
        consumer.ReceiveTimeout = TestSockets.Timeout;
        Assert.Equal("two", consumer.ReceiveString());

        controller.Terminate();
        Assert.True(proxy.Wait(TimeSpan.FromSeconds(10)), "TERMINATE stopped the proxy");
        frontend.Dispose();
        backend.Dispose();
        control.Dispose();

        // A blocked backend: a PUSH that never had a peer has no POLLOUT, so the proxy holds the
        // messages and must still take TERMINATE. (Disposing the consumer above instead raced:
        // libzmq forwards a burst with blocking sends while POLLOUT lasts, so messages arriving
        // before the consumer's pipe was torn down left the proxy blocked in zmq_send.)
        using var blockedFrontend = context.CreateBounded(ZmqSocketType.Pull);
        using var blockedBackend = context.CreateBounded(ZmqSocketType.Push);
        using var blockedControl = context.CreateBounded(ZmqSocketType.Pair);
        string blockedInput = blockedFrontend.BindAny("inproc");
        blockedBackend.BindAny("inproc");
        string blockedControlEndpoint = blockedControl.BindAny("inproc");
        using var blockedProducer = context.CreateBounded(ZmqSocketType.Push);
        blockedProducer.Connect(blockedInput);
        using var blockedController = new ZmqProxyController(context, blockedControlEndpoint);
        Task blocked = ZmqProxy.RunSteerableAsync(blockedFrontend, blockedBackend, blockedControl);
        // Over inproc a returned send is in the frontend's pipe: 20 messages wait for a backend
        // that cannot take them.
        for (int i = 0; i < 20; i++)
        {
            blockedProducer.SendString($"stuck {i}");
        }
        var held = blockedController.GetStatistics(); // a command answered while blocked
        Assert.Equal(0UL, held.Frontend.MessagesReceived); // nothing taken off the frontend for a backend without POLLOUT
        blockedController.Terminate();
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(10)), "TERMINATE stopped the proxy though its backend was blocked");
    });
}
