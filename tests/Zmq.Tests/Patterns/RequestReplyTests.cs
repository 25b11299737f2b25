using Zmq.Tests.Support;

namespace Zmq.Tests.Patterns;

public class RequestReplyTests
{
    [Theory]
    [MemberData(nameof(Endpoints.Transports), MemberType = typeof(Endpoints))]
    public void Request_and_reply_round_trip(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Rep);
        using var client = context.CreateBounded(ZmqSocketType.Req);
        client.Connect(server.BindAny(transport));

        for (int i = 0; i < 10; i++)
        {
            client.SendString($"Are you OK? {i}");
            Assert.Equal($"Are you OK? {i}", server.ReceiveString());
            server.SendString($"I am OK! {i}");
            Assert.Equal($"I am OK! {i}", client.ReceiveString());
        }
    });

    [Fact]
    public void Req_receiving_first_is_an_invalid_state_error()
    {
        using var context = new ZmqContext();
        using var client = context.CreateBounded(ZmqSocketType.Req);
        var error = Assert.Throws<ZmqException>(() => client.ReceiveString(ZmqReceiveFlags.DontWait));
        Assert.Equal(ZmqError.InvalidState, error.Error);
    }

    [Fact]
    public void Req_sending_twice_is_an_invalid_state_error()
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Rep);
        using var client = context.CreateBounded(ZmqSocketType.Req);
        client.Connect(server.BindAny("inproc"));
        client.SendString("first");
        var error = Assert.Throws<ZmqException>(() => client.SendString("second"));
        Assert.Equal(ZmqError.InvalidState, error.Error);
        Assert.Contains("zmq_send", error.Message, StringComparison.Ordinal);
        Assert.Contains("A REQ socket must receive the reply before it sends again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rep_sending_first_is_an_invalid_state_error()
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Rep);
        var error = Assert.Throws<ZmqException>(() => server.SendString("unasked"));
        Assert.Equal(ZmqError.InvalidState, error.Error);
    }

    [Fact]
    public void After_the_state_errors_a_normal_exchange_still_works() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Rep);
        using var client = context.CreateBounded(ZmqSocketType.Req);
        client.Connect(server.BindAny("inproc"));
        Assert.Equal(ZmqError.InvalidState, Assert.Throws<ZmqException>(() => client.ReceiveString(ZmqReceiveFlags.DontWait)).Error);
        Assert.Equal(ZmqError.InvalidState, Assert.Throws<ZmqException>(() => server.SendString("unasked")).Error);
        client.SendString("ping");
        Assert.Equal("ping", server.ReceiveString());
        server.SendString("pong");
        Assert.Equal("pong", client.ReceiveString());
    });
}
