using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Errors;

public class ErrorMappingTests
{
    [Theory]
    [InlineData(LibZmq.EFSM, ZmqError.InvalidState)]
    [InlineData(LibZmq.ENOCOMPATPROTO, ZmqError.IncompatibleProtocol)]
    [InlineData(LibZmq.ETERM, ZmqError.ContextTerminated)]
    [InlineData(LibZmq.EMTHREAD, ZmqError.NoIoThread)]
    [InlineData(LibZmq.ZMQ_HAUSNUMERO + 1, ZmqError.NotSupported)]
    [InlineData(LibZmq.ZMQ_HAUSNUMERO + 17, ZmqError.HostUnreachable)]
    [InlineData(123456, ZmqError.Unknown)]
    public void Libzmq_codes_map_the_same_on_every_os(int errno, ZmqError expected)
    {
        Assert.Equal(expected, new ZmqException(errno, "test").Error);
    }

    [LinuxFact]
    public void Linux_errnos_map_to_their_names()
    {
        Assert.Equal(ZmqError.TryAgain, new ZmqException(11, "x").Error);
        Assert.Equal(ZmqError.InvalidArgument, new ZmqException(22, "x").Error);
        Assert.Equal(ZmqError.NotSocket, new ZmqException(88, "x").Error);
        Assert.Equal(ZmqError.ProtocolNotSupported, new ZmqException(93, "x").Error);
        Assert.Equal(ZmqError.NotSupported, new ZmqException(95, "x").Error);
        Assert.Equal(ZmqError.AddressInUse, new ZmqException(98, "x").Error);
        Assert.Equal(ZmqError.HostUnreachable, new ZmqException(113, "x").Error);
        Assert.Equal(11, ErrnoTable.EAGAIN);
    }

    [Fact]
    public void Message_carries_libzmq_strerror_text()
    {
        Assert.Equal("Operation cannot be accomplished in current state", ZmqException.Describe(LibZmq.EFSM));
        Assert.Equal("Context was terminated", ZmqException.Describe(LibZmq.ETERM));
    }

    [Fact]
    public void Try_methods_return_false_for_EAGAIN_and_the_plain_ones_throw_TryAgain()
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        pull.Bind(Endpoints.Inproc());
        Assert.False(pull.TryReceive(new byte[4], out var result, ZmqReceiveFlags.DontWait));
        Assert.Equal(default, result);
        var message = new ZmqMessage();
        Assert.False(pull.TryReceiveMessage(ref message, ZmqReceiveFlags.DontWait));
        message.Dispose();
        Assert.False(pull.TryReceiveString(out string? text, ZmqReceiveFlags.DontWait));
        Assert.Null(text);
        var frames = new List<byte[]>();
        Assert.False(pull.TryReceiveMultipart(frames, ZmqReceiveFlags.DontWait));
        Assert.Empty(frames);

        var error = Assert.Throws<ZmqException>(() => pull.Receive(new byte[4], ZmqReceiveFlags.DontWait));
        Assert.Equal(ZmqError.TryAgain, error.Error);
        Assert.Contains("Try", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_send_timeout_with_no_peer_returns_false_after_waiting() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.SendTimeout = TimeSpan.FromMilliseconds(200);
        push.Bind(Endpoints.Inproc());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(push.TrySend("nobody listens"u8));
        Assert.True(clock.ElapsedMilliseconds >= 150, $"waited {clock.ElapsedMilliseconds} ms for SendTimeout");
        var error = Assert.Throws<ZmqException>(() => push.Send("nobody listens"u8));
        Assert.Equal(ZmqError.TryAgain, error.Error);
        Assert.Contains("SendTimeout = 200 ms", error.Message, StringComparison.Ordinal);
    });

    [Fact]
    public void Too_many_sockets_is_too_many_open_files()
    {
        using var context = new ZmqContext { MaxSockets = 2 };
        using var first = context.CreateSocket(ZmqSocketType.Pair);
        using var second = context.CreateSocket(ZmqSocketType.Pair);
        var error = Assert.Throws<ZmqException>(() => context.CreateSocket(ZmqSocketType.Pair));
        Assert.Equal(ZmqError.TooManyOpenFiles, error.Error);
    }

    [Fact]
    public void Undefined_socket_type_is_rejected_before_libzmq()
    {
        using var context = new ZmqContext();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => context.CreateSocket((ZmqSocketType)999));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }
}
