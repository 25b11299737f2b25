using System.Security.Cryptography;
using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

/// <summary>
/// A frame sent from a span of <see cref="LargeFramePool.MinimumLength"/> to
/// <see cref="LargeFramePool.MaximumLength"/> bytes goes out of a pooled block (LargeFramePool.cs):
/// it arrives byte for byte at and around the pool's bounds, a stream reuses its blocks instead of
/// allocating one a frame, and every way libzmq lets go of a frame gives its block back.
/// </summary>
/// <remarks>
/// The counting tests use frames of 3 MiB, whose class (the 4 MiB blocks) no other test sends, and
/// read the class's counters before and after: the counters are the whole process's, so these tests
/// run alone.
/// </remarks>
[Collection(ProcessWideStateCollection.Name)]
public class LargeFramePoolTests
{
    private const int CountedFrame = 3 * 1024 * 1024;

    public static TheoryData<string, int> Bounds()
    {
        var data = new TheoryData<string, int>();
        foreach (string transport in (string[])["inproc", "tcp"])
        {
            foreach (int size in (int[])[LargeFramePool.MinimumLength - 1, LargeFramePool.MinimumLength, LargeFramePool.MinimumLength + 1,
                65536, LargeFramePool.MaximumLength, LargeFramePool.MaximumLength + 1])
            {
                data.Add(transport, size);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Frames_at_the_pools_bounds_arrive_byte_for_byte(string transport, int size) => Watchdog.Run(() =>
    {
        byte[] first = RandomNumberGenerator.GetBytes(size);
        byte[] second = RandomNumberGenerator.GetBytes(size);
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Connect(pull.BindAny(transport));
        push.Send(first);
        push.SendMultipart(second, first); // a block per frame, the message whole
        using (ZmqMessage message = pull.ReceiveMessage())
        {
            Assert.True(message.Data.SequenceEqual(first), $"the {size}-byte frame arrived altered");
        }
        List<byte[]> frames = pull.ReceiveMultipart();
        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].AsSpan().SequenceEqual(second) && frames[1].AsSpan().SequenceEqual(first), $"the {size}-byte frames of a multipart message arrived altered");
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_stream_reuses_its_blocks(bool awaited) => Watchdog.Run(() =>
    {
        byte[] payload = RandomNumberGenerator.GetBytes(CountedFrame);
        byte[] received = new byte[CountedFrame];
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Connect(pull.BindAny("inproc"));
        (long madeBefore, long outstandingBefore) = LargeFramePool.CountsFor(CountedFrame);
        for (int i = 0; i < 40; i++)
        {
            if (awaited)
            {
                push.SendAsync(payload).AsTask().GetAwaiter().GetResult(); // completes at once or after a park: the async path's send either way
            }
            else
            {
                push.Send(payload);
            }
            Assert.Equal(CountedFrame, pull.Receive(received).FrameLength); // copied out and closed: the block is back
        }
        (long made, long outstanding) = LargeFramePool.CountsFor(CountedFrame);
        Assert.True(made - madeBefore <= 1, $"40 frames sent one at a time made {made - madeBefore} blocks");
        Assert.Equal(outstandingBefore, outstanding);
        Assert.True(received.AsSpan().SequenceEqual(payload), "the last frame arrived altered");
    });

    [Fact]
    public void A_frame_libzmq_drops_gives_its_block_back() => Watchdog.Run(() =>
    {
        byte[] payload = new byte[CountedFrame];
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        publisher.BindAny("inproc");
        (_, long outstandingBefore) = LargeFramePool.CountsFor(CountedFrame);
        for (int i = 0; i < 10; i++)
        {
            publisher.Send(payload); // no subscriber: libzmq drops it inside the call
        }
        Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding);
    });

    [Fact]
    public void A_refused_send_gives_its_block_back_and_reports_would_block() => Watchdog.Run(() =>
    {
        byte[] payload = new byte[CountedFrame];
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        // No peer at all: a PUSH has no pipe to queue into, so libzmq refuses the frame (EAGAIN).
        (_, long outstandingBefore) = LargeFramePool.CountsFor(CountedFrame);
        Assert.False(push.TrySend(payload, ZmqSendFlags.DontWait));
        Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding);
        ZmqException error = Assert.Throws<ZmqException>(() => push.Send(payload, ZmqSendFlags.DontWait));
        Assert.Equal(ZmqError.TryAgain, error.Error);
        Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding);
    });

    [Fact]
    public void Frames_still_queued_when_the_context_ends_give_their_blocks_back() => Watchdog.Run(() =>
    {
        byte[] payload = new byte[CountedFrame];
        (_, long outstandingBefore) = LargeFramePool.CountsFor(CountedFrame);
        using (var context = new ZmqContext())
        {
            using var pull = context.CreateBounded(ZmqSocketType.Pull);
            using var push = context.CreateBounded(ZmqSocketType.Push);
            push.Linger = TimeSpan.Zero;
            push.Connect(pull.BindAny("inproc"));
            for (int i = 0; i < 5; i++)
            {
                push.Send(payload);
            }
            Assert.Equal(outstandingBefore + 5, LargeFramePool.CountsFor(CountedFrame).Outstanding);
        }
        Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding);
    });
}
