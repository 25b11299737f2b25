using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

/// <summary>
/// Context and socket lifetimes that used to hang other bindings: pending inproc connects at
/// disposal, linger-0 sends to a peer that is gone, a send blocked forever released by shutdown,
/// a monitor outliving its socket, and a socket handed from one thread to another (catalogue P03,
/// L30, C08, C09, C10).
/// </summary>
public class ContextLifetimeTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    [Fact]
    public void Disposal_with_linger_zero_sends_outstanding_returns_at_once() => Watchdog.Run(Quick, () =>
    {
        var context = new ZmqContext();
        var router = context.CreateSocket(ZmqSocketType.Router);
        var dealer = context.CreateSocket(ZmqSocketType.Dealer);
        dealer.Linger = TimeSpan.Zero;
        router.Linger = TimeSpan.Zero;
        string endpoint = router.BindAny("tcp");
        router.Dispose();
        dealer.Connect(endpoint); // Nobody listens any more: the message can never leave.
        dealer.SendString("undeliverable");
        dealer.Dispose();
        context.Dispose();
    });

    [Fact]
    public void Disposal_with_inproc_connects_that_never_found_a_binder_returns() => Watchdog.Run(Quick, () =>
    {
        var context = new ZmqContext();
        for (int i = 0; i < 20; i++)
        {
            using var router = context.CreateSocket(ZmqSocketType.Router);
            router.Linger = TimeSpan.Zero;
            router.Connect(Endpoints.Inproc()); // Never bound.
        }
        context.Dispose();
    });

    [Fact]
    public void An_unbound_inproc_name_can_be_bound_again_by_another_socket() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        string name = Endpoints.Inproc();
        using var first = context.CreateBounded(ZmqSocketType.Pair);
        first.Bind(name);
        first.Unbind(name);
        using var second = context.CreateBounded(ZmqSocketType.Pair);
        second.Bind(name);
        using var peer = context.CreateBounded(ZmqSocketType.Pair);
        peer.Connect(name);
        peer.SendString("to the second binder");
        Assert.Equal("to the second binder", second.ReceiveString());
    });

    [Fact]
    public void A_send_blocked_forever_on_a_peerless_dealer_is_released_by_shutdown() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var dealer = context.CreateSocket(ZmqSocketType.Dealer);
        dealer.Linger = TimeSpan.Zero;
        dealer.SendTimeout = Timeout.InfiniteTimeSpan;
        Exception? outcome = null;
        var blocked = new Thread(() => outcome = Record.Exception(() => dealer.SendString("nobody will take this")));
        blocked.Start();
        Assert.False(blocked.Join(300), "the send did not block although no peer exists");
        context.Shutdown();
        Assert.True(blocked.Join(TimeSpan.FromSeconds(2)), "shutdown did not release the blocked send");
        Assert.IsType<ZmqContextTerminatedException>(outcome);
    });

    [Fact]
    public void A_monitor_outliving_its_socket_still_stops_and_the_context_disposes() => Watchdog.Run(Quick, () =>
    {
        var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Dealer);
        socket.Linger = TimeSpan.Zero;
        var monitor = new ZmqMonitor(socket);
        socket.Connect("tcp://127.0.0.1:9");
        socket.Dispose();
        monitor.Dispose();
        context.Dispose();
    });

    [Fact]
    public void A_socket_can_move_to_another_thread_after_the_first_is_done_with_it() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var receiver = context.CreateBounded(ZmqSocketType.Pull);
        string endpoint = receiver.BindAny("inproc");
        ZmqSocket? sender = null;
        var first = new Thread(() =>
        {
            sender = context.CreateBounded(ZmqSocketType.Push);
            sender.Connect(endpoint);
            sender.SendString("from the first thread");
        });
        first.Start();
        first.Join(); // The full barrier that makes the hand-over safe.
        var second = new Thread(() => sender!.SendString("from the second thread"));
        second.Start();
        second.Join();
        Assert.Equal("from the first thread", receiver.ReceiveString());
        Assert.Equal("from the second thread", receiver.ReceiveString());
        sender!.Dispose();
    });
}
