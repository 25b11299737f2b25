using System.Security.Cryptography;
using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

/// <summary>Large frames travel whole: sizes are size_t end to end, never truncated (catalogue P16, L13).</summary>
public class LargeMessageTests
{
    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public void A_16_MiB_frame_arrives_byte_for_byte(string transport) => Watchdog.Run(() =>
    {
        byte[] payload = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Connect(pull.BindAny(transport));
        push.Send(payload);
        using ZmqMessage message = pull.ReceiveMessage();
        Assert.Equal(payload.Length, message.Size);
        Assert.True(message.Data.SequenceEqual(payload), "the 16 MiB frame arrived altered");
    });

    [Fact]
    public void Large_multipart_frames_arrive_as_a_whole_message() => Watchdog.Run(() =>
    {
        byte[] first = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);
        byte[] second = RandomNumberGenerator.GetBytes(1024);
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Connect(pull.BindAny("tcp"));
        push.SendMultipart(first, second);
        List<byte[]> frames = pull.ReceiveMultipart();
        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].AsSpan().SequenceEqual(first));
        Assert.True(frames[1].AsSpan().SequenceEqual(second));
        Assert.False(pull.HasMore); // ZMQ_RCVMORE read as the int libzmq stores, not 8 bytes of garbage.
    });
}
