using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Patterns;

public class DealerRouterTests
{
    [Theory]
    [MemberData(nameof(Endpoints.Transports), MemberType = typeof(Endpoints))]
    public void Router_addresses_replies_by_routing_id(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        using var alice = context.CreateBounded(ZmqSocketType.Dealer);
        using var bob = context.CreateBounded(ZmqSocketType.Dealer);
        alice.RoutingId = "alice"u8.ToArray();
        bob.RoutingId = "bob"u8.ToArray();
        string endpoint = router.BindAny(transport);
        alice.Connect(endpoint);
        bob.Connect(endpoint);

        alice.SendString("from alice");
        bob.SendString("from bob");
        var received = new Dictionary<string, string>();
        for (int i = 0; i < 2; i++)
        {
            var frames = router.ReceiveMultipart();
            Assert.Equal(2, frames.Count);
            received[Encoding.UTF8.GetString(frames[0])] = Encoding.UTF8.GetString(frames[1]);
        }
        Assert.Equal("from alice", received["alice"]);
        Assert.Equal("from bob", received["bob"]);

        router.SendMultipart("bob", "hello bob");
        router.SendMultipart("alice", "hello alice");
        Assert.Equal("hello alice", alice.ReceiveString());
        Assert.Equal("hello bob", bob.ReceiveString());
    });

    [Fact]
    public void Router_mandatory_reports_an_unknown_peer_as_host_unreachable()
    {
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        router.SetRouterMandatory(true);
        var error = Assert.Throws<ZmqException>(() => router.SendMultipart("nobody", "lost"));
        Assert.Equal(ZmqError.HostUnreachable, error.Error);
    }

    [Fact]
    public void Default_router_drops_a_message_to_an_unknown_peer_silently() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        using var known = context.CreateBounded(ZmqSocketType.Dealer);
        known.RoutingId = "known"u8.ToArray();
        known.Connect(router.BindAny("inproc"));
        known.SendString("hello");
        router.ReceiveMultipart(); // The router now knows the peer.

        router.SendMultipart("nobody", "dropped"); // No exception, no delivery.
        router.SendMultipart("known", "delivered");
        Assert.Equal("delivered", known.ReceiveString());
        Assert.False(known.TryReceiveString(out _, ZmqReceiveFlags.DontWait));
    });

    [Fact]
    public void Dealer_to_rep_carries_the_empty_delimiter_frame() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var rep = context.CreateBounded(ZmqSocketType.Rep);
        using var dealer = context.CreateBounded(ZmqSocketType.Dealer);
        dealer.Connect(rep.BindAny("inproc"));
        dealer.SendMultipart(Array.Empty<byte>(), "question"u8.ToArray());
        Assert.Equal("question", rep.ReceiveString());
        rep.SendString("answer");
        var reply = dealer.ReceiveMultipart();
        Assert.Equal(2, reply.Count);
        Assert.Empty(reply[0]);
        Assert.Equal("answer", Encoding.UTF8.GetString(reply[1]));
    });
}
