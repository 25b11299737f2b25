using Zmq.Tests.Support;

namespace Zmq.Tests.Errors;

public class EndpointErrorTests
{
    private static ZmqSocket NewSocket(ZmqContext context) => context.CreateBounded(ZmqSocketType.Pair);

    [Fact]
    public void Null_endpoint_is_ArgumentNullException()
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        Assert.Throws<ArgumentNullException>(() => socket.Bind(null!));
        Assert.Throws<ArgumentNullException>(() => socket.Connect(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost:5555")]
    [InlineData("tcp://127.0.0.1:5555\0junk")]
    [InlineData("tcp://127.0.0.1:-1")] // libzmq's atoi and 16-bit cast: port 65535
    [InlineData("tcp://*:12ab")] // libzmq: port 12
    [InlineData("tcp://127.0.0.1:invalid")]
    [InlineData("tcp://127.0.0.1:")]
    [InlineData("tcp://127.0.0.1: 5555")]
    [InlineData("tcp://[::1]:-1")]
    [InlineData("tcp://127.0.0.1:+80;127.0.0.1:5555")]
    [InlineData("udp://*:-5")]
    [InlineData("ws://127.0.0.1:-1/path")]
    [InlineData("tcp://localhost")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("tcp://")]
    [InlineData("tcp://[::1]")]
    [InlineData("udp://127.0.0.1")]
    public void Malformed_endpoint_is_ArgumentException_naming_it(string endpoint)
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        var bind = Assert.ThrowsAny<ArgumentException>(() => socket.Bind(endpoint));
        var connect = Assert.ThrowsAny<ArgumentException>(() => socket.Connect(endpoint));
        Assert.Equal("endpoint", bind.ParamName);
        Assert.Equal("endpoint", connect.ParamName);
        Assert.Contains(endpoint.Replace("\0", string.Empty, StringComparison.Ordinal).Trim().Length == 0 ? "empty" : "'", bind.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tcp_endpoint_without_a_port_names_the_missing_port()
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        var error = Assert.Throws<ArgumentException>(() => socket.Connect("tcp://localhost"));
        Assert.Contains("Endpoint 'tcp://localhost' has no port", error.Message, StringComparison.Ordinal);
        // A source address may leave its port out; the destination may not.
        var sourced = Assert.Throws<ArgumentException>(() => socket.Connect("tcp://127.0.0.1;localhost"));
        Assert.Contains("has no port", sourced.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:65536")]
    [InlineData("tcp://127.0.0.1:99999")]
    [InlineData("tcp://*:1000000")]
    [InlineData("tcp://127.0.0.1:5555;127.0.0.1:70000")]
    public void Tcp_port_outside_0_to_65535_is_rejected_before_libzmq_wraps_it(string endpoint)
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => socket.Bind(endpoint));
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => socket.Connect(endpoint));
    }

    [Theory]
    [InlineData("foo://x", ZmqError.ProtocolNotSupported)]
    [InlineData("tcp://host name with spaces:5555", ZmqError.NoSuchDevice)] // bind reads the host as an interface name
    [InlineData("tcp://192.0.2.1:5555", ZmqError.AddressNotAvailable)]
    public void Bind_failures_from_libzmq_name_the_endpoint_and_errno(string endpoint, ZmqError expected)
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        var error = Assert.Throws<ZmqException>(() => socket.Bind(endpoint));
        Assert.Equal(expected, error.Error);
        Assert.Equal(endpoint, error.Endpoint);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("zmq_bind", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:*")]
    [InlineData("tcp://host name with spaces:5555")]
    public void Invalid_connect_endpoints_are_invalid_argument(string endpoint)
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        var error = Assert.Throws<ZmqException>(() => socket.Connect(endpoint));
        Assert.Equal(ZmqError.InvalidArgument, error.Error);
        Assert.Equal(endpoint, error.Endpoint);
    }

    [Fact]
    public void Binding_the_same_tcp_port_twice_is_address_in_use()
    {
        using var context = new ZmqContext();
        using var first = NewSocket(context);
        using var second = NewSocket(context);
        string endpoint = first.BindAny("tcp");
        var error = Assert.Throws<ZmqException>(() => second.Bind(endpoint));
        Assert.Equal(ZmqError.AddressInUse, error.Error);
    }

    [Fact]
    public void Binding_the_same_inproc_name_twice_is_address_in_use()
    {
        using var context = new ZmqContext();
        using var first = NewSocket(context);
        using var second = NewSocket(context);
        string endpoint = first.BindAny("inproc");
        Assert.Equal(ZmqError.AddressInUse, Assert.Throws<ZmqException>(() => second.Bind(endpoint)).Error);
    }

    [Fact]
    public void Unbind_and_disconnect_of_unknown_endpoints_are_no_such_entry()
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        Assert.Equal(ZmqError.NoSuchEntry, Assert.Throws<ZmqException>(() => socket.Unbind("tcp://127.0.0.1:5999")).Error);
        Assert.Equal(ZmqError.NoSuchEntry, Assert.Throws<ZmqException>(() => socket.Unbind("tcp://127.0.0.1:*")).Error);
        Assert.Equal(ZmqError.NoSuchEntry, Assert.Throws<ZmqException>(() => socket.Disconnect("tcp://127.0.0.1:5999")).Error);
    }

    [Fact]
    public void Unbind_and_disconnect_of_known_endpoints_work()
    {
        using var context = new ZmqContext();
        using var server = NewSocket(context);
        using var client = NewSocket(context);
        string endpoint = server.BindAny("tcp");
        client.Connect(endpoint);
        client.Disconnect(endpoint);
        server.Unbind(endpoint);
        // Both are gone now: a second unbind/disconnect finds nothing.
        Assert.Equal(ZmqError.NoSuchEntry, Assert.Throws<ZmqException>(() => client.Disconnect(endpoint)).Error);
        Assert.Equal(ZmqError.NoSuchEntry, Assert.Throws<ZmqException>(() => server.Unbind(endpoint)).Error);
    }

    [Fact]
    public void Ipc_path_longer_than_the_os_limit_is_name_too_long()
    {
        using var context = new ZmqContext();
        using var socket = NewSocket(context);
        string endpoint = "ipc:///tmp/" + new string('x', 120);
        Assert.Equal(ZmqError.NameTooLong, Assert.Throws<ZmqException>(() => socket.Bind(endpoint)).Error);
    }
}
