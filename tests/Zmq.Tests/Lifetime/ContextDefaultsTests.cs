using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

/// <summary>The defaults libzmq 4.3 documents, read through the binding, and how BLOCKY changes the linger of new sockets (catalogue L28).</summary>
public class ContextDefaultsTests
{
    [Fact]
    public void Context_and_socket_defaults_are_libzmqs()
    {
        using var context = new ZmqContext();
        Assert.Equal(1, context.IoThreads);
        Assert.Equal(1023, context.MaxSockets);
        Assert.False(context.IPv6);
        Assert.Equal(65535, context.SocketLimit);
        Assert.True(context.Blocky);
        using var socket = context.CreateSocket(ZmqSocketType.Dealer);
        Assert.Equal(1000, socket.SendHighWatermark);
        Assert.Equal(1000, socket.ReceiveHighWatermark);
        Assert.Equal(TimeSpan.FromMilliseconds(100), socket.ReconnectInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), socket.HandshakeInterval);
        Assert.Equal(-1, socket.SendBuffer);
        Assert.Equal(-1, socket.ReceiveBuffer);
    }

    [Fact]
    public void Libzmqs_native_default_linger_is_forever_and_the_binding_bounds_it()
    {
        using var context = new ZmqContext();
        using var bounded = context.CreateSocket(ZmqSocketType.Push);
        Assert.Equal(TimeSpan.FromSeconds(10), bounded.Linger); // The binding's documented DefaultLinger.
        context.DefaultLinger = Timeout.InfiniteTimeSpan; // Opt back in to libzmq's own default.
        using var native = context.CreateSocket(ZmqSocketType.Push);
        Assert.Equal(Timeout.InfiniteTimeSpan, native.Linger);
    }

    [Fact]
    public void A_non_blocky_context_gives_new_sockets_linger_zero()
    {
        using var context = new ZmqContext { Blocky = false };
        using var socket = context.CreateSocket(ZmqSocketType.Push);
        Assert.Equal(TimeSpan.Zero, socket.Linger);
        socket.Linger = TimeSpan.FromSeconds(1); // Still the owner's to change.
        Assert.Equal(TimeSpan.FromSeconds(1), socket.Linger);
    }

    [Fact]
    public void Creating_past_max_sockets_fails_and_the_sockets_already_made_stay_usable() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext { MaxSockets = 2 };
        using var first = context.CreateBounded(ZmqSocketType.Pair);
        using var second = context.CreateBounded(ZmqSocketType.Pair);
        Assert.Equal(ZmqError.TooManyOpenFiles, Assert.Throws<ZmqException>(() => context.CreateSocket(ZmqSocketType.Pair)).Error);
        second.Connect(first.BindAny("inproc"));
        second.SendString("still fine");
        Assert.Equal("still fine", first.ReceiveString());
    });
}
