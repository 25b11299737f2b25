using System.Buffers;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

public class AsyncTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Data_queued_before_the_await_completes_synchronously_without_allocating()
    {
        var pipe = new PushPullPipe();
        try
        {
            byte[] buffer = new byte[16];
            for (int i = 0; i < 2000; i++)
            {
                pipe.Push.Send("warm"u8);
                await pipe.Pull.ReceiveAsync(buffer);
                await pipe.Push.SendAsync(buffer.AsMemory(0, 4));
                await pipe.Pull.ReceiveAsync(buffer);
            }
            long best = long.MaxValue;
            for (int round = 0; round < 5 && best != 0; round++)
            {
                best = Math.Min(best, MeasureQueuedRoundTrips(pipe.Push, pipe.Pull, buffer, 5000));
            }
            Assert.True(best == 0, $"{best} bytes allocated over 5000 send/receive pairs at best");
        }
        finally
        {
            pipe.Dispose();
        }
    }

    /// <summary>
    /// Sends and receives with data always queued, checking every ValueTask completed synchronously;
    /// returns the bytes this thread allocated. Synchronous on purpose: an async test method's own
    /// state machine would be measured too (a constant 160 bytes a round in Debug builds).
    /// </summary>
    private static long MeasureQueuedRoundTrips(ZmqSocket push, ZmqSocket pull, byte[] buffer, int count)
    {
        // Over every run the probe makes, not only the last: no Assert inside the measured loop
        // (xunit's Assert.Equal allocates a comparer).
        int asynchronous = 0, runs = 0;
        long received = 0;
        long allocated = AllocationProbe.Allocated(() =>
        {
            runs++;
            for (int i = 0; i < count; i++)
            {
                ValueTask sent = push.SendAsync(buffer.AsMemory(0, 4));
                ValueTask<ZmqReceiveResult> receive = pull.ReceiveAsync(buffer);
                if (!sent.IsCompletedSuccessfully || !receive.IsCompletedSuccessfully)
                {
                    asynchronous++;
                    continue;
                }
                received += receive.Result.BytesWritten;
            }
        });
        Assert.Equal(0, asynchronous);
        Assert.Equal(4L * count * runs, received);
        return allocated;
    }

    [Fact]
    public void ReceiveMultipartStringsAsync_decodes_each_frame_from_its_message_without_an_array_in_between()
    {
        // What a queued two-frame message costs: the list and the two strings (UTF-16: twice the
        // ASCII bytes). A byte array per frame before decoding would add 2 x 4 KiB on top.
        const int FrameSize = 4096;
        using var pipe = new PushPullPipe();
        byte[] frame = new byte[FrameSize];
        frame.AsSpan().Fill((byte)'z');
        int asynchronous = 0, wrong = 0;
        long allocated = AllocationProbe.Steady(() =>
        {
            pipe.Push.Send(frame, ZmqSendFlags.SendMore);
            pipe.Push.Send(frame);
            ValueTask<List<string>> receive = pipe.Pull.ReceiveMultipartStringsAsync();
            if (!receive.IsCompletedSuccessfully)
            {
                asynchronous++;
                return;
            }
            List<string> frames = receive.Result;
            if (frames.Count != 2 || frames[0].Length != FrameSize || frames[1].Length != FrameSize)
            {
                wrong++;
            }
        }, iterations: 100);
        Assert.Equal(0, asynchronous);
        Assert.Equal(0, wrong);
        long strings = 2L * (2 * FrameSize + 22);
        Assert.True(allocated / 100 < strings + FrameSize / 2,
            $"{allocated / 100} bytes a message; the two strings alone are {strings}");
    }

    [Fact]
    public async Task ReceiveMultipartStringsAsync_after_a_park_decodes_as_the_synchronous_call_does()
    {
        // Non-ASCII, an invalid UTF-8 sequence (replaced, never thrown under the gate) and an
        // empty frame, through a receive that parked first, against the synchronous call.
        using var pipe = new PushPullPipe();
        byte[][] frames = ["é"u8.ToArray(), [0xFF, (byte)'A'], []];
        ValueTask<List<string>> parked = pipe.Pull.ReceiveMultipartStringsAsync();
        Assert.False(parked.IsCompleted, "nothing was sent yet: the receive parks");
        pipe.Push.SendMultipart(frames);
        List<string> afterPark = await parked.AsTask().WaitAsync(Limit);
        pipe.Push.SendMultipart(frames);
        List<string> synchronous = pipe.Pull.ReceiveMultipartStrings();
        Assert.Equal(["é", "\uFFFDA", ""], afterPark);
        Assert.Equal(synchronous, afterPark);
    }

    [Fact]
    public async Task Data_arriving_later_completes_a_parked_receive()
    {
        var pipe = new PushPullPipe("tcp");
        try
        {
            byte[] buffer = new byte[16];
            var pending = pipe.Pull.ReceiveAsync(buffer).AsTask();
            await Task.Delay(100); // A window in which nothing may complete it (no event to wait for: the assertion is that none comes).
            Assert.False(pending.IsCompleted);
            pipe.Push.Send("late"u8);
            var result = await pending.WaitAsync(Limit);
            Assert.Equal("late", System.Text.Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
            // This socket's own count: the process-wide one also counts other test classes'
            // waiters, which run in parallel (it failed once in three flake-hunt runs so).
            Assert.Equal(0, pipe.Pull.AsyncContext.ParkedWaiters);
        }
        finally
        {
            pipe.Dispose();
        }
    }

    [Fact]
    public async Task A_burst_arrives_complete_and_in_order()
    {
        var pipe = new PushPullPipe("tcp");
        try
        {
            const int Count = 20_000;
            var sender = Task.Run(async () =>
            {
                for (int i = 0; i < Count; i++)
                {
                    await pipe.Push.SendAsync(BitConverter.GetBytes(i));
                }
            });
            byte[] buffer = new byte[4];
            for (int i = 0; i < Count; i++)
            {
                var result = await pipe.Pull.ReceiveAsync(buffer).AsTask().WaitAsync(Limit);
                Assert.Equal(4, result.BytesWritten);
                Assert.Equal(i, BitConverter.ToInt32(buffer));
            }
            await sender.WaitAsync(Limit);
        }
        finally
        {
            pipe.Dispose();
        }
    }

    [Fact]
    public async Task A_thousand_sockets_are_awaited_at_once_on_one_reactor()
    {
        const int Sockets = 1000;
        using var context = new ZmqContext { MaxSockets = Sockets + 10 };
        using var push = context.CreateBounded(ZmqSocketType.Push);
        string endpoint = push.BindAny("inproc");
        var pulls = new List<ZmqSocket>();
        try
        {
            for (int i = 0; i < Sockets; i++)
            {
                var pull = context.CreateBounded(ZmqSocketType.Pull);
                pull.Connect(endpoint);
                pulls.Add(pull);
            }
            var receives = pulls.Select(p => p.ReceiveStringAsync().AsTask()).ToList();
            await Task.Delay(200); // A window in which none may complete (the assertion is that none does).
            Assert.All(receives, r => Assert.False(r.IsCompleted));
            Assert.True(ZmqReactor.Instance.ParkedCount >= Sockets, $"{ZmqReactor.Instance.ParkedCount} parked");
            // PUSH round-robins over its connected peers: one message each.
            for (int i = 0; i < Sockets; i++)
            {
                push.SendString("you");
            }
            string[] results = await Task.WhenAll(receives).WaitAsync(Limit);
            Assert.All(results, r => Assert.Equal("you", r));
        }
        finally
        {
            pulls.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task Cancellation_ends_a_parked_receive_and_the_socket_stays_usable()
    {
        var pipe = new PushPullPipe();
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pipe.Pull.ReceiveStringAsync(cancel.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pipe.Pull.ReceiveAsync(new byte[1], cancel.Token));
            pipe.Push.SendString("after");
            Assert.Equal("after", await pipe.Pull.ReceiveStringAsync().AsTask().WaitAsync(Limit));
        }
        finally
        {
            pipe.Dispose();
        }
    }

    [Fact]
    public async Task Dispose_while_awaiting_fails_the_await_with_ObjectDisposedException()
    {
        var pipe = new PushPullPipe();
        try
        {
            var pending = pipe.Pull.ReceiveAsync(new byte[8]).AsTask();
            Assert.False(pending.IsCompleted); // ReceiveAsync parks before it returns: the receive is parked now, nothing to wait for.
            pipe.Pull.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(Limit));
        }
        finally
        {
            pipe.Dispose();
        }
    }

    [Fact]
    public async Task Shutdown_while_awaiting_ends_the_await_with_context_terminated()
    {
        var pipe = new PushPullPipe();
        try
        {
            var pending = pipe.Pull.ReceiveStringAsync().AsTask();
            Assert.False(pending.IsCompleted); // ReceiveAsync parks before it returns: the receive is parked now, nothing to wait for.
            pipe.Context.Shutdown();
            await Assert.ThrowsAsync<ZmqContextTerminatedException>(() => pending.WaitAsync(Limit));
        }
        finally
        {
            pipe.Dispose();
        }
    }

    [Fact]
    public async Task A_send_blocked_by_a_missing_peer_completes_once_the_peer_connects()
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        string endpoint = push.BindAny("tcp");
        var sending = push.SendStringAsync("waited for you").AsTask();
        await Task.Delay(100); // A window in which the send may not complete without a peer (the assertion is that it does not).
        Assert.False(sending.IsCompleted);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        pull.Connect(endpoint);
        await sending.WaitAsync(Limit);
        Assert.Equal("waited for you", pull.ReceiveString());
    }

    [Fact]
    public async Task A_pending_receive_is_not_lost_when_a_send_on_the_same_socket_reads_the_events()
    {
        using var context = new ZmqContext();
        using var dealer = context.CreateBounded(ZmqSocketType.Dealer);
        using var router = context.CreateBounded(ZmqSocketType.Router);
        dealer.Connect(router.BindAny("tcp"));
        var receiving = dealer.ReceiveStringAsync().AsTask();
        Assert.False(receiving.IsCompleted); // ReceiveAsync parks before it returns: the receive is parked now, nothing to wait for.
        await dealer.SendStringAsync("ping");
        var request = router.ReceiveMultipart();
        router.SendMultipart(request[0], "pong"u8.ToArray());
        await dealer.SendStringAsync("another"); // Reads ZMQ_EVENTS; must hand the edge to the receive.
        Assert.Equal("pong", await receiving.WaitAsync(Limit));
    }

    [Fact]
    public async Task Await_foreach_consumes_messages_until_cancelled()
    {
        var pipe = new PushPullPipe();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                pipe.Push.SendString($"m{i}");
            }
            using var cancel = new CancellationTokenSource(Limit);
            var seen = new List<string>();
            await foreach (string text in pipe.Pull.ReceiveAllStringsAsync(cancel.Token))
            {
                seen.Add(text);
                if (seen.Count == 5)
                {
                    cancel.Cancel();
                }
            }
            Assert.Equal(["m0", "m1", "m2", "m3", "m4"], seen);

            pipe.Push.Send(new byte[100_000]);
            using var cancelBytes = new CancellationTokenSource(Limit);
            await foreach (byte[] frame in pipe.Pull.ReceiveAllAsync(cancelBytes.Token))
            {
                Assert.Equal(100_000, frame.Length);
                break;
            }
        }
        finally
        {
            pipe.Dispose();
        }
    }

    [Fact]
    public async Task Multipart_and_any_size_messages_work_asynchronously()
    {
        var pipe = new PushPullPipe();
        try
        {
            var receiving = pipe.Pull.ReceiveMultipartAsync().AsTask();
            await pipe.Push.SendMultipartAsync([[1], [2, 2]]);
            var frames = await receiving.WaitAsync(Limit);
            Assert.Equal([[1], [2, 2]], frames);

            var writer = new ArrayBufferWriter<byte>();
            var big = pipe.Pull.ReceiveMessageAsync(writer).AsTask();
            pipe.Push.Send(new byte[70_000]);
            Assert.Equal(70_000, await big.WaitAsync(Limit));
            Assert.Equal(70_000, writer.WrittenCount);
        }
        finally
        {
            pipe.Dispose();
        }
    }
}
