using Zmq.Tests.Support;

namespace Zmq.Tests.Patterns;

public class PublishSubscribeTests
{
    [Theory]
    [MemberData(nameof(Endpoints.Transports), MemberType = typeof(Endpoints))]
    public void Subscriber_gets_only_its_topic_prefixes(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        using var subscriber = context.CreateBounded(ZmqSocketType.Sub);
        subscriber.Connect(publisher.BindAny(transport));
        subscriber.Subscribe("weather.");
        subscriber.Subscribe("probe");
        TestSockets.WaitForSubscription(publisher, subscriber, "probe");

        publisher.SendString("sports.football 1-0");
        publisher.SendString("weather.paris 12C");
        publisher.SendString("news.today");
        publisher.SendString("weather.oslo -3C");

        Assert.Equal("weather.paris 12C", subscriber.ReceiveString());
        Assert.Equal("weather.oslo -3C", subscriber.ReceiveString());
        Assert.False(subscriber.TryReceiveString(out _, ZmqReceiveFlags.DontWait));
    });

    [Fact]
    public void Unsubscribe_stops_delivery_of_that_topic() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        using var subscriber = context.CreateBounded(ZmqSocketType.Sub);
        subscriber.Connect(publisher.BindAny("inproc"));
        subscriber.Subscribe("a");
        subscriber.Subscribe("probe");
        TestSockets.WaitForSubscription(publisher, subscriber, "probe");
        subscriber.Unsubscribe("a");
        // The unsubscription travels like a subscription: wait until a fresh probe shows it passed.
        TestSockets.WaitForSubscription(publisher, subscriber, "probe");

        publisher.SendString("a-message");
        publisher.SendString("probe-last");
        Assert.Equal("probe-last", subscriber.ReceiveString());
    });

    [Fact]
    public void Empty_subscription_receives_everything_including_binary_topics() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        using var subscriber = context.CreateBounded(ZmqSocketType.Sub);
        subscriber.Connect(publisher.BindAny("tcp"));
        subscriber.Subscribe(ReadOnlySpan<byte>.Empty);
        TestSockets.WaitForSubscription(publisher, subscriber, "probe");

        byte[] binary = [0, 1, 2, 255];
        publisher.Send(binary);
        Span<byte> buffer = stackalloc byte[16];
        var result = subscriber.Receive(buffer);
        Assert.Equal(binary, buffer[..result.BytesWritten].ToArray());
    });

    [Fact]
    public void Recv_on_a_publisher_is_not_supported()
    {
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        var error = Assert.Throws<ZmqException>(() => publisher.Receive(new byte[1], ZmqReceiveFlags.DontWait));
        Assert.Equal(ZmqError.NotSupported, error.Error);
    }

    [Fact]
    public void Subscribe_on_a_publisher_is_rejected_naming_the_option()
    {
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        var error = Assert.Throws<ZmqException>(() => publisher.Subscribe("x"));
        Assert.Equal(ZmqError.InvalidArgument, error.Error);
        Assert.Contains("ZMQ_SUBSCRIBE", error.Message, StringComparison.Ordinal);
    }
}
