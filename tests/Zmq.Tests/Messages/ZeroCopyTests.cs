using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

public class ZeroCopyTests
{
    [Fact]
    public void Zero_copy_messages_arrive_intact_and_release_their_buffer_exactly_once() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("tcp"));
        const int Count = 50;
        int released = 0;
        var buffers = new byte[Count][];
        for (int i = 0; i < Count; i++)
        {
            buffers[i] = new byte[100_000];
            Random.Shared.NextBytes(buffers[i]);
            var message = ZmqMessage.CreateZeroCopy(buffers[i], () => Interlocked.Increment(ref released));
            push.Send(ref message);
            message.Dispose(); // Already handed to libzmq: must not release a second time.
        }
        for (int i = 0; i < Count; i++)
        {
            using var received = pull.ReceiveMessage();
            Assert.True(received.Data.SequenceEqual(buffers[i]), $"message {i} arrived intact");
        }
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref released) == Count, TimeSpan.FromSeconds(10)),
            $"{released} of {Count} buffers released");
        Thread.Sleep(100); // A window for a second release to show: the assertion is that none comes.
        Assert.Equal(Count, Volatile.Read(ref released));
    });

    [Fact]
    public void A_zero_copy_send_allocates_nothing_in_steady_state() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("inproc"));
        byte[] payload = new byte[64 * 1024];
        // Over inproc the receiver's close frees the message on this thread, so each buffer is back
        // in the pool before the next send.
        void SendAndReceive(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var message = ZmqMessage.CreateZeroCopy(payload);
                push.Send(ref message);
                message.Dispose();
                var received = pull.ReceiveMessage();
                received.Dispose();
            }
        }
        SendAndReceive(100);
        long allocated = AllocationProbe.Allocated(() => SendAndReceive(10_000));
        Assert.True(allocated == 0, $"{allocated} bytes over 10,000 zero-copy sends");
    });

    [Fact]
    public void Ten_thousand_zero_copy_sends_under_garbage_collection_release_each_buffer_exactly_once() => Watchdog.Run(() =>
    {
        const int Count = 10_000;
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.SendHighWatermark = 0;
        push.Connect(pull.BindAny("tcp"));
        var releases = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            int index = i;
            byte[] buffer = BitConverter.GetBytes(i); // Only the message keeps it reachable.
            var message = ZmqMessage.CreateZeroCopy(buffer, () => Interlocked.Increment(ref releases[index]));
            push.Send(ref message);
            if (i % 500 == 0)
            {
                // Pinned buffers must stay put and the callbacks stay rooted through a full GC.
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        Span<byte> frame = stackalloc byte[4];
        for (int i = 0; i < Count; i++)
        {
            pull.Receive(frame);
            Assert.Equal(i, BitConverter.ToInt32(frame));
        }
        Assert.True(SpinWait.SpinUntil(() => Enumerable.Range(0, Count).All(k => Volatile.Read(ref releases[k]) >= 1), TimeSpan.FromSeconds(10)),
            $"{releases.Count(r => r == 0)} buffers never released");
        Thread.Sleep(100); // A window for a second release to show: the assertion is that none comes.
        Assert.All(releases, r => Assert.Equal(1, r));
    });

    [Fact]
    public void A_zero_copy_message_disposed_without_sending_releases_its_buffer()
    {
        int released = 0;
        long before = ZeroCopyBuffer.ReleasedCount;
        var message = ZmqMessage.CreateZeroCopy(new byte[64], () => Interlocked.Increment(ref released));
        Assert.Equal(64, message.Size);
        message.Dispose();
        message.Dispose();
        // The pin goes at once; the callback follows on the thread pool.
        Assert.True(ZeroCopyBuffer.ReleasedCount >= before + 1, "the pin went at once"); // process-wide: other tests release too
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref released) > 0, TimeSpan.FromSeconds(10)), "the release callback ran");
        Thread.Sleep(100); // A window for a second release to show: the assertion is that none comes.
        Assert.Equal(1, Volatile.Read(ref released));
    }

    // libzmq frees a sent message on its I/O thread (tcp) or inside the call that closes its last
    // copy (inproc: the next receive into the same message), with that socket's gate held: a user
    // callback run there stalls every connection of the context or the caller itself. Before the
    // callbacks moved to the thread pool this failed for both transports ("ran on a thread-pool
    // thread: False"; over inproc the blocking callback also held the receive for its 10 s).
    [Theory]
    [InlineData("tcp")]
    [InlineData("inproc")]
    public void Release_callbacks_run_on_the_thread_pool_where_they_may_block(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny(transport));
        using var proceed = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        bool? onPool = null, unblocked = null;
        var received = new ZmqMessage();
        var message = ZmqMessage.CreateZeroCopy(new byte[4096], () =>
        {
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            unblocked = proceed.Wait(TimeSpan.FromSeconds(10)); // blocks until the test thread is out of its calls
            done.Set();
        });
        push.Send(ref message);
        message.Dispose();
        pull.ReceiveMessage(ref received); // the zero-copy frame itself over inproc
        Assert.False(pull.TryReceiveMessage(ref received, ZmqReceiveFlags.DontWait)); // closes it first
        received.Dispose();
        proceed.Set();
        Assert.True(done.Wait(TimeSpan.FromSeconds(20)), "the release callback ran");
        Assert.True(onPool == true, $"ran on a thread-pool thread: {onPool}");
        Assert.True(unblocked == true, "the callback could wait for the thread whose call freed the message");
    });

    [Fact]
    public void A_throwing_release_callback_cannot_abort_the_process_and_is_reported()
    {
        // In a child process: were the exception to reach libzmq, the process would end.
        var result = ChildProcess.RunTestHost("zero-copy-throwing-callback", TimeSpan.FromSeconds(60));
        result.AssertSucceeded();
        Assert.Contains("received 100000 bytes", result.Output, StringComparison.Ordinal);
        Assert.Contains("callbacks run: 2, failures reported: 2", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_zero_copy_message_is_valid()
    {
        var empty = ZmqMessage.CreateZeroCopy(ReadOnlyMemory<byte>.Empty);
        Assert.Equal(0, empty.Size);
        empty.Dispose();
    }
}
