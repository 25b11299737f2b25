using System.Net;
using System.Net.Sockets;
using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Patterns;

public class OtherPatternTests
{
    [Theory]
    [MemberData(nameof(Endpoints.Transports), MemberType = typeof(Endpoints))]
    public void Pair_talks_both_ways(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var left = context.CreateBounded(ZmqSocketType.Pair);
        using var right = context.CreateBounded(ZmqSocketType.Pair);
        right.Connect(left.BindAny(transport));
        left.SendString("ping");
        Assert.Equal("ping", right.ReceiveString());
        right.SendString("pong");
        Assert.Equal("pong", left.ReceiveString());
    });

    [Theory]
    [MemberData(nameof(Endpoints.Transports), MemberType = typeof(Endpoints))]
    public void XPub_sees_subscription_frames_and_XSub_sends_them(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var xpub = context.CreateBounded(ZmqSocketType.XPub);
        using var xsub = context.CreateBounded(ZmqSocketType.XSub);
        xsub.Connect(xpub.BindAny(transport));

        // An XSUB subscribes by sending \x01 + topic; the XPUB receives exactly that frame.
        xsub.Send([1, .. "news"u8]);
        Span<byte> buffer = stackalloc byte[32];
        var result = xpub.Receive(buffer);
        Assert.Equal([1, .. "news"u8], buffer[..result.BytesWritten].ToArray());

        xpub.SendString("news flash");
        xpub.SendString("sports");
        Assert.Equal("news flash", xsub.ReceiveString());

        xsub.Send([0, .. "news"u8]);
        result = xpub.Receive(buffer);
        Assert.Equal([0, .. "news"u8], buffer[..result.BytesWritten].ToArray());
    });

    [Fact]
    public void Stream_socket_talks_to_a_raw_tcp_client() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var stream = context.CreateBounded(ZmqSocketType.Stream);
        stream.Bind(Endpoints.TcpAnyPort);
        int port = Endpoints.Port(stream.LastEndpoint);

        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        client.ReceiveTimeout = 10_000;
        NetworkStream network = client.GetStream();

        // STREAM_NOTIFY (on by default): the connection arrives as [routing id, empty frame].
        var connected = stream.ReceiveMultipart();
        Assert.Equal(2, connected.Count);
        Assert.Empty(connected[1]);
        byte[] peer = connected[0];

        network.Write("GET / raw bytes"u8);
        var data = new List<byte>();
        while (data.Count < 15)
        {
            var frames = stream.ReceiveMultipart();
            Assert.Equal(peer, frames[0]);
            data.AddRange(frames[1]);
        }
        Assert.Equal("GET / raw bytes", Encoding.ASCII.GetString([.. data]));

        stream.Send(peer, ZmqSendFlags.SendMore);
        stream.Send("HTTP/1.0 200 OK\r\n"u8);
        var reply = new byte[17];
        int read = 0;
        while (read < reply.Length)
        {
            int n = network.Read(reply, read, reply.Length - read);
            Assert.True(n > 0, "the STREAM socket's reply reached the raw client");
            read += n;
        }
        Assert.Equal("HTTP/1.0 200 OK\r\n", Encoding.ASCII.GetString(reply));
    });
}
