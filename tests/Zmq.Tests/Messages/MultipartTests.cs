using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

public class MultipartTests
{
    [Fact]
    public void Multipart_round_trips_every_frame() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("tcp"));
        byte[][] frames = [[1], [], new byte[70000], [4, 5]];
        a.SendMultipart(frames);
        var received = b.ReceiveMultipart();
        Assert.Equal(frames.Length, received.Count);
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(frames[i], received[i]);
        }
    });

    [Fact]
    public void A_null_frame_is_rejected_before_any_frame_is_sent() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("inproc"));
        var error = Assert.Throws<ArgumentException>(() => a.SendMultipart([1], null!, [3]));
        Assert.Contains("Frame 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => a.SendMultipart("a", null!));
        Assert.Throws<ArgumentException>(() => a.SendMultipart(ReadOnlySpan<byte[]>.Empty));

        // Nothing leaked onto the wire: the next message arrives whole and first.
        a.SendMultipart("clean", "message");
        Assert.Equal(["clean", "message"], b.ReceiveMultipartStrings());
        Assert.False(b.TryReceive(new byte[8], out _, ZmqReceiveFlags.DontWait));
    });

    [Fact]
    public void A_multipart_send_that_would_block_sends_nothing()
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Bind(Endpoints.Inproc()); // No peer: a send would block.
        Assert.False(push.TrySendMultipart([[1], [2]], ZmqSendFlags.DontWait));
    }

    [Fact]
    public void Connections_cut_while_large_multipart_messages_cross_deliver_whole_messages_or_none() => Watchdog.Run(TimeSpan.FromMinutes(2), () =>
    {
        const int PayloadSize = 4 * 1024 * 1024;
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        string endpoint = pull.BindAny("tcp");
        using var stop = new CancellationTokenSource();
        var sender = new Thread(() =>
        {
            using var push = context.CreateBounded(ZmqSocketType.Push);
            push.SendHighWatermark = 4;
            push.SendTimeout = TimeSpan.FromMilliseconds(200);
            push.Connect(endpoint);
            byte[] payload = new byte[PayloadSize];
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                byte[] index = BitConverter.GetBytes(i);
                // [index][4 MiB][index]: a tail on its own, or a head without its tail, shows at once.
                push.TrySendMultipart([index, payload, index]);
            }
        });
        sender.Start();
        var frames = new List<byte[]>();
        int whole = 0, cuts = 0;
        try
        {
            for (; cuts < 5; cuts++)
            {
                for (int i = 0; i < 3; i++)
                {
                    Assert.True(pull.TryReceiveMultipart(frames), "the stream stopped");
                    Assert.Equal(3, frames.Count);
                    Assert.Equal(PayloadSize, frames[1].Length);
                    Assert.Equal(frames[0], frames[2]);
                    whole++;
                }
                // Drop every connection while the sender is mid-way through a 4 MiB message.
                pull.Unbind(endpoint);
                pull.BindReleased(endpoint);
            }
            Assert.True(pull.TryReceiveMultipart(frames), "nothing arrived after the last cut");
            Assert.Equal(3, frames.Count);
            Assert.Equal(frames[0], frames[2]);
        }
        finally
        {
            stop.Cancel();
            sender.Join();
        }
        Assert.Equal(15, whole);
    });
}
