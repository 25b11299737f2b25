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
/// The counting tests use frames whose classes (1.5 MiB frames in 2 MiB blocks, 3 MiB in 4 MiB) only
/// this class's tests send, and read the class's counters before and after: the counters are the
/// whole process's, so these tests run alone.
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
    [InlineData(LargeFramePool.MinimumLength - 1, -1, 0)]
    [InlineData(LargeFramePool.MinimumLength, 0, 128)]
    [InlineData(LargeFramePool.MinimumLength + 1, 1, 64)]
    [InlineData(65536, 1, 64)]
    [InlineData(65537, 2, 32)]
    [InlineData(1 << 20, 5, 4)]
    [InlineData((1 << 20) + 1, 6, 2)]
    [InlineData(LargeFramePool.MaximumLength, 7, 1)]
    [InlineData(LargeFramePool.MaximumLength + 1, -1, 0)]
    public void A_frame_takes_the_smallest_block_that_holds_it(int length, int expectedClass, int expectedMaxKept)
    {
        Assert.Equal(expectedClass >= 0, LargeFramePool.Takes(length));
        if (expectedClass >= 0)
        {
            int sizeClass = LargeFramePool.ClassOf(length);
            Assert.Equal(expectedClass, sizeClass);
            (int blockSize, int maxKept) = LargeFramePool.ClassShape(sizeClass);
            Assert.True(blockSize >= length && (sizeClass == 0 || LargeFramePool.ClassShape(sizeClass - 1).BlockSize < length), $"{length} B in blocks of {blockSize} B");
            Assert.Equal(expectedMaxKept, maxKept); // 4 MiB of free blocks per class
        }
    }

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Frames_at_the_pools_bounds_arrive_byte_for_byte(string transport, int size) => Watchdog.Run(() =>
    {
        byte[] first = RandomNumberGenerator.GetBytes(size);
        byte[] second = RandomNumberGenerator.GetBytes(size);
        using var pipe = new PushPullPipe(transport);
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
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
        using var pipe = new PushPullPipe("inproc");
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        (long madeBefore, _, long outstandingBefore, _) = LargeFramePool.CountsFor(CountedFrame);
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
            Assert.Equal(outstandingBefore + 1, LargeFramePool.CountsFor(CountedFrame).Outstanding); // the frame is a pooled block in the pipe
            Assert.Equal(CountedFrame, pull.Receive(received).FrameLength); // copied out and closed: the block is back
        }
        (long made, _, long outstanding, _) = LargeFramePool.CountsFor(CountedFrame);
        Assert.True(made - madeBefore <= 1, $"40 frames sent one at a time made {made - madeBefore} blocks");
        Assert.Equal(outstandingBefore, outstanding);
        Assert.True(received.AsSpan().SequenceEqual(payload), "the last frame arrived altered");
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void With_no_block_and_no_memory_for_one_a_frame_goes_through_libzmqs_copy(bool awaited) => Watchdog.Run(() =>
    {
        // The pool must add no failure of its own: a frame it cannot place (the process short of
        // memory) is sent as with the pool off, and a multipart message stays whole (an exception
        // after its first frame was queued would leave that frame waiting for the next message's).
        byte[] payload = RandomNumberGenerator.GetBytes(CountedFrame);
        using var pipe = new PushPullPipe("inproc");
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        (long madeBefore, _, long outstandingBefore, _) = LargeFramePool.CountsFor(CountedFrame);
        LargeFramePool.RefuseRentsForTests = true;
        try
        {
            if (awaited)
            {
                push.SendMultipartAsync(["head"u8.ToArray(), payload, payload]).AsTask().GetAwaiter().GetResult();
            }
            else
            {
                push.SendMultipart("head"u8.ToArray(), payload, payload);
            }
            Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding); // no block in the pipe
        }
        finally
        {
            LargeFramePool.RefuseRentsForTests = false;
        }
        List<byte[]> frames = pull.ReceiveMultipart();
        Assert.Equal(3, frames.Count);
        Assert.Equal("head"u8.ToArray(), frames[0]);
        Assert.True(frames[1].AsSpan().SequenceEqual(payload) && frames[2].AsSpan().SequenceEqual(payload), "a frame sent without a block arrived altered");
        Assert.Equal(madeBefore, LargeFramePool.CountsFor(CountedFrame).Made);
    });

    [Fact]
    public void A_frame_libzmq_drops_gives_its_block_back() => Watchdog.Run(() =>
    {
        byte[] payload = new byte[CountedFrame];
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        publisher.BindAny("inproc");
        (_, _, long outstandingBefore, _) = LargeFramePool.CountsFor(CountedFrame);
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
        (_, _, long outstandingBefore, _) = LargeFramePool.CountsFor(CountedFrame);
        Assert.False(push.TrySend(payload, ZmqSendFlags.DontWait));
        Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding);
        ZmqException error = Assert.Throws<ZmqException>(() => push.Send(payload, ZmqSendFlags.DontWait));
        Assert.Equal(ZmqError.TryAgain, error.Error);
        Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding);
    });

    [Fact]
    public void A_burst_keeps_no_more_free_blocks_than_its_class_allows() => Watchdog.Run(() =>
    {
        const int BurstFrame = 1536 * 1024; // 2 MiB blocks: a class no other test sends
        byte[] payload = new byte[BurstFrame];
        byte[] received = new byte[BurstFrame];
        using var pipe = new PushPullPipe("inproc");
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        (long madeBefore, _, long outstandingBefore, _) = LargeFramePool.CountsFor(BurstFrame);
        for (int i = 0; i < 8; i++)
        {
            push.Send(payload); // all queued at once: eight blocks in flight
        }
        Assert.Equal(outstandingBefore + 8, LargeFramePool.CountsFor(BurstFrame).Outstanding);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(BurstFrame, pull.Receive(received).FrameLength);
        }
        (long made, long freed, long outstanding, int kept) = LargeFramePool.CountsFor(BurstFrame);
        Assert.Equal(outstandingBefore, outstanding);
        Assert.Equal(made - freed, kept + outstanding); // every block allocated is kept, in flight, or freed: none lost
        Assert.True(made - madeBefore >= 8 - LargeFramePool.ClassShape(LargeFramePool.ClassOf(BurstFrame)).MaxKept, "the burst was served from blocks kept before");
        Assert.Equal(LargeFramePool.ClassShape(LargeFramePool.ClassOf(BurstFrame)).MaxKept, kept); // the slots filled, the rest went back to the C library
    });

    [Fact]
    public unsafe void Threads_renting_and_returning_at_once_never_share_a_block() => Watchdog.Run(() =>
    {
        // 2 MiB blocks (two slots): a class only this collection's tests send, and few enough slots
        // that four threads also meet full ones (a return that frees) and empty ones (a rent that allocates).
        const int Frame = 1536 * 1024;
        int sizeClass = LargeFramePool.ClassOf(Frame);
        (_, _, long outstandingBefore, _) = LargeFramePool.CountsFor(Frame);
        int shared = 0, refused = 0;
        var threads = new Thread[4];
        for (int t = 0; t < threads.Length; t++)
        {
            int owner = t + 1;
            threads[t] = new Thread(() =>
            {
                for (int i = 0; i < 20_000; i++)
                {
                    nint block = LargeFramePool.TryRent(sizeClass);
                    if (block == 0)
                    {
                        Interlocked.Increment(ref refused); // counted, not asserted: an assertion on this thread would end the test process
                        continue;
                    }
                    Volatile.Write(ref *(int*)block, owner);
                    Thread.SpinWait(20);
                    if (Volatile.Read(ref *(int*)block) != owner)
                    {
                        Interlocked.Increment(ref shared); // another thread holds the same block
                    }
                    LargeFramePool.Return(block, sizeClass);
                }
            });
            threads[t].Start();
        }
        foreach (Thread thread in threads)
        {
            thread.Join();
        }
        (long made, long freed, long outstanding, int kept) = LargeFramePool.CountsFor(Frame);
        Assert.Equal(0, refused);
        Assert.Equal(0, shared);
        Assert.Equal(outstandingBefore, outstanding);
        Assert.Equal(made - freed, kept + outstanding); // every block allocated is kept, in flight, or freed: none lost
    });

    [Fact]
    public void A_frame_several_subscribers_receive_gives_its_block_back_once() => Watchdog.Run(() =>
    {
        byte[] payload = RandomNumberGenerator.GetBytes(CountedFrame);
        using var context = new ZmqContext();
        using var publisher = context.CreateBounded(ZmqSocketType.Pub);
        string endpoint = publisher.BindAny("inproc");
        var subscribers = new List<ZmqSocket>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                ZmqSocket subscriber = context.CreateBounded(ZmqSocketType.Sub);
                subscribers.Add(subscriber);
                subscriber.Subscribe(string.Empty);
                subscriber.Connect(endpoint);
            }
            // A subscription reaches the publisher as a message it reads on a later call: send small
            // probes until every subscriber has one, then drain them, so the large frame goes to all.
            var scratch = new byte[CountedFrame];
            var joined = new bool[subscribers.Count];
            long deadline = Environment.TickCount64 + 10_000;
            while (Array.IndexOf(joined, false) >= 0)
            {
                Assert.True(Environment.TickCount64 < deadline, "the subscriptions never reached the publisher");
                publisher.Send("probe"u8);
                for (int i = 0; i < subscribers.Count; i++)
                {
                    joined[i] |= subscribers[i].TryReceive(scratch, out _, ZmqReceiveFlags.DontWait);
                }
            }
            foreach (ZmqSocket subscriber in subscribers)
            {
                while (subscriber.TryReceive(scratch, out _, ZmqReceiveFlags.DontWait))
                {
                }
            }
            (_, _, long outstandingBefore, _) = LargeFramePool.CountsFor(CountedFrame);
            publisher.Send(payload); // one block, three references to it
            Assert.Equal(outstandingBefore + 1, LargeFramePool.CountsFor(CountedFrame).Outstanding);
            foreach (ZmqSocket subscriber in subscribers)
            {
                subscriber.ReceiveTimeout = TimeSpan.FromSeconds(10);
                Assert.Equal(CountedFrame, subscriber.Receive(scratch).FrameLength);
                Assert.True(scratch.AsSpan().SequenceEqual(payload), "a subscriber's frame arrived altered");
            }
            Assert.Equal(outstandingBefore, LargeFramePool.CountsFor(CountedFrame).Outstanding);
        }
        finally
        {
            subscribers.ForEach(subscriber => subscriber.Dispose());
        }
    });

    [Fact]
    public void The_app_context_switch_turns_the_pool_off()
    {
        var result = ChildProcess.RunTestHost("large-frame-pool-switch", TimeSpan.FromSeconds(60));
        result.AssertSucceeded("the scenario failed");
        Assert.Contains("blocks made with the pool off: 0", result.Output, StringComparison.Ordinal);
    }

    // The pool's free function enters managed code from libzmq's I/O thread; a program that ends
    // with frames still being written must end all the same (child processes: a hang or an abort
    // there would take the test run with it).
    [Fact]
    public void A_program_that_exits_with_pooled_frames_in_flight_ends()
    {
        int processes = ChildProcess.UnderEmulator ? 2 : 5;
        for (int run = 0; run < processes; run++)
        {
            var result = ChildProcess.RunTestHost("exit-with-pooled-frames", TimeSpan.FromSeconds(60), null, "2000");
            result.AssertSucceeded("exiting with pooled frames in flight hung or failed");
            Assert.Contains("exiting", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Frames_still_queued_when_the_context_ends_give_their_blocks_back() => Watchdog.Run(() =>
    {
        byte[] payload = new byte[CountedFrame];
        (_, _, long outstandingBefore, _) = LargeFramePool.CountsFor(CountedFrame);
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
