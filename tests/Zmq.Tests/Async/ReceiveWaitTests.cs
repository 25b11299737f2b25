using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// The receive's wait on its descriptor (Async/SocketAsyncContext.Spin.cs): a refused receive on a
/// socket that only receives and has no inproc endpoint waits on the socket's signal instead of
/// spinning; every other receive spins. A frame that comes during the wait completes the receive
/// in the call with no park; a synchronous call that drains the signal kicks the wait; a
/// cancellation or disposal ends it at once; the gate is free meanwhile; a direction whose waits
/// catch nothing stops waiting; and a stream beside a thread of synchronous calls loses no wake-up.
/// The waits here have a budget as long as the tests' timeout, so that only the event under test,
/// never the clock, can end them in time; they wait as if the thread pool were idle (the test
/// runner's pool rarely is, and a busy pool makes a wait park at once).
/// Tests of a wait first leave xunit's synchronization context (ThreadPoolSwitch): the engine
/// never holds a thread that has one for a wait.
/// </summary>
[Collection(ProcessWideStateCollection.Name)] // exact counts of waits: another test's late kick could wake one
public class ReceiveWaitTests
{
    private static void RequireReceiveWait()
    {
        Assert.True(AsyncSpin.Yields > 0, $"these tests need spinning on: run them without {AsyncSpin.Variable}=0");
        Assert.True(DescriptorWait.Available, "ppoll was not found: the wait before parking is off");
    }

    /// <summary>A connected sender and receiver of the given kind, the connection proven by one frame.</summary>
    private sealed class Stream : IDisposable
    {
        private readonly ZmqContext _context = new();

        public Stream(ZmqSocketType receiverType = ZmqSocketType.Pull, string transport = "tcp")
        {
            try
            {
                ZmqSocketType senderType = receiverType switch
                {
                    ZmqSocketType.Pull => ZmqSocketType.Push,
                    ZmqSocketType.Sub => ZmqSocketType.XPub,
                    _ => receiverType, // DEALER to DEALER, PAIR to PAIR
                };
                Receiver = _context.CreateBounded(receiverType);
                Sender = _context.CreateBounded(senderType);
                if (receiverType == ZmqSocketType.Sub)
                {
                    Receiver.Subscribe(ReadOnlySpan<byte>.Empty);
                }
                Receiver.Connect(Sender.BindAny(transport)); // the receiver notes an inproc endpoint it connects as one it binds
                if (receiverType == ZmqSocketType.Sub)
                {
                    Assert.True(Sender.TryReceive(new byte[8], out _), "the subscription reached the XPUB");
                }
                Sender.Send("warm"u8);
                Assert.Equal("warm", Receiver.ReceiveString());
                Context.ThreadPoolBusyHook = static () => false;
                Context.DescriptorWaitBudget = TestSockets.Timeout;
            }
            catch
            {
                Dispose(); // a constructor that throws leaves no using to do it
                throw;
            }
        }

        public ZmqSocket Sender { get; } = null!;

        public ZmqSocket Receiver { get; } = null!;

        public SocketAsyncContext Context => Receiver.AsyncContext;

        /// <summary>Runs <paramref name="action"/> at the first yield or sleep of the receiver's next spin or wait.</summary>
        public void AtFirstRelease(Action action)
        {
            int hooks = 0;
            Context.SpinYieldHook = () =>
            {
                if (Interlocked.Increment(ref hooks) == 1)
                {
                    action();
                }
            };
        }

        public void Dispose()
        {
            Sender?.Dispose();
            Receiver?.Dispose();
            _context.Dispose();
        }
    }

    [LinuxTheory] // the descriptor wait is Linux's (DescriptorWait.cs)
    [InlineData(ZmqSocketType.Pull, "tcp", true)]
    [InlineData(ZmqSocketType.Pull, "ipc", true)]
    [InlineData(ZmqSocketType.Sub, "tcp", true)]
    [InlineData(ZmqSocketType.Pull, "inproc", false)] // the peer is a thread of this process: the yields hand it the CPU
    [InlineData(ZmqSocketType.Dealer, "tcp", false)] // a socket that sends: its frames may answer its own sends
    [InlineData(ZmqSocketType.Pair, "tcp", false)]
    public async Task A_receive_waits_on_its_descriptor_only_on_a_socket_that_only_receives_from_outside_the_process(ZmqSocketType type, string transport, bool waits)
    {
        await ThreadPoolSwitch.Leave();
        RequireReceiveWait();
        using var stream = new Stream(type, transport);
        stream.AtFirstRelease(() => stream.Sender.Send("caught"u8));
        var buffer = new byte[16];
        ValueTask<ZmqReceiveResult> receive = stream.Receiver.ReceiveAsync(buffer);
        if (waits)
        {
            Assert.True(receive.IsCompletedSuccessfully, "the frame that came during the wait completed the receive in the call");
        }
        ZmqReceiveResult result = await receive.AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("caught", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
        Assert.Null(stream.Context.SpinYieldHookFailure);
        if (waits)
        {
            Assert.Equal((1, 1), stream.Context.ReceiveWaitCounts);
            Assert.Equal((0, 0), stream.Context.ReceiveSpinCounts);
            Assert.Equal(0, stream.Context.EngineParks);
            Assert.Equal(0, stream.Context.ReceiveWaitTimeouts);
        }
        else
        {
            // Over tcp the frame may come after the yields ran out (then it parked): only which kind started is certain.
            Assert.Equal(1, stream.Context.ReceiveSpinCounts.Started);
            Assert.Equal((0, 0), stream.Context.ReceiveWaitCounts);
        }
    }

    [LinuxTheory] // the descriptor wait is Linux's (DescriptorWait.cs)
    [InlineData("receive", "synchronization context")]
    [InlineData("send", "synchronization context")]
    [InlineData("receive", "task scheduler")]
    public async Task A_thread_with_a_synchronization_context_or_its_own_scheduler_never_waits_it_parks_at_once(string direction, string caller)
    {
        // A UI thread's loop of awaited receives must give its dispatcher a turn: the wait, which
        // would hold the thread until a frame came (or the budget, here the tests' timeout,
        // passed), is never made there. Same for a send at the high-water mark (an inproc pipe
        // of one frame each way, which nothing drains behind the test's back).
        RequireReceiveWait();
        using var stream = new Stream();
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        push.AsyncContext.DescriptorWaitBudget = TestSockets.Timeout;
        SocketAsyncContext engine = direction == "send" ? push.AsyncContext : stream.Context;
        var buffer = new byte[16];
        ValueTask pending = default;
        void Call() => pending = direction == "send"
            ? push.SendAsync("last"u8.ToArray())
            : new ValueTask(stream.Receiver.ReceiveAsync(buffer).AsTask());
        if (caller == "task scheduler")
        {
            // A scheduler of limited concurrency (its other tasks would wait behind a held thread).
            var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
            Assert.True(Task.Factory.StartNew(Call, CancellationToken.None, TaskCreationOptions.None, exclusive).Wait(TestSockets.Timeout),
                "the call returned (a wait would hold it for the tests' timeout)");
        }
        else
        {
            var thread = new Thread(() =>
            {
                SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
                Call();
            });
            thread.Start();
            Assert.True(thread.Join(TestSockets.Timeout), "the call returned (a wait would hold it for the tests' timeout)");
        }
        Assert.False(pending.IsCompleted, "nothing could run: the operation parked");
        Assert.Equal(1, engine.EngineParks);
        Assert.Equal((0, 0), direction == "send" ? engine.SendWaitCounts : engine.ReceiveWaitCounts);
        if (direction == "send")
        {
            pipe.Drain(queued);
            await pending.AsTask().WaitAsync(TestSockets.Timeout);
            Assert.Equal("last", pull.ReceiveString());
        }
        else
        {
            stream.Sender.Send("late"u8);
            await pending.AsTask().WaitAsync(TestSockets.Timeout);
            Assert.Equal("late", Encoding.UTF8.GetString(buffer, 0, 4));
        }
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_call_that_takes_the_signal_a_receive_waits_for_kicks_the_wait()
    {
        // The waiting receive is not parked: synchronous ZMQ_EVENTS reads on another thread process
        // the command that says the frame came, and with it the signal the wait sleeps on. Their
        // release must wake the wait, which then receives the frame instead of sleeping its budget.
        await ThreadPoolSwitch.Leave();
        RequireReceiveWait();
        using var stream = new Stream();
        ZmqPollEvents seen = ZmqPollEvents.None;
        stream.AtFirstRelease(() =>
        {
            stream.Sender.Send("kicked"u8);
            Assert.True(Task.Run(() =>
            {
                var deadline = DateTime.UtcNow + TestSockets.Timeout;
                while (!(seen = stream.Receiver.Events).HasFlag(ZmqPollEvents.In) && DateTime.UtcNow < deadline)
                {
                    Thread.Yield(); // each read drains: this loop waits for the frame's command itself
                }
            }).Wait(TestSockets.Timeout), "the synchronous reads ran while the receive waited");
        });
        var buffer = new byte[16];
        ValueTask<ZmqReceiveResult> receive = stream.Receiver.ReceiveAsync(buffer);
        Assert.True(receive.IsCompletedSuccessfully, "the kicked wait received the frame in the call");
        ZmqReceiveResult result = await receive;
        Assert.Null(stream.Context.SpinYieldHookFailure);
        Assert.True(seen.HasFlag(ZmqPollEvents.In), $"the synchronous reads drained the frame's command first (saw {seen})");
        Assert.Equal("kicked", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
        Assert.Equal(0, stream.Context.ReceiveWaitTimeouts);
        Assert.Equal(0, stream.Context.EngineParks);
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task The_gate_is_free_while_a_receive_waits()
    {
        await ThreadPoolSwitch.Leave();
        RequireReceiveWait();
        using var stream = new Stream();
        bool optionRead = false;
        stream.AtFirstRelease(() =>
        {
            // A synchronous call on the waiting socket from another thread: it would wait for ever
            // on a gate the wait kept.
            optionRead = Task.Run(() => stream.Receiver.ReceiveHighWatermark).Wait(TestSockets.Timeout);
            stream.Sender.Send("after"u8);
        });
        var buffer = new byte[16];
        ZmqReceiveResult result = await stream.Receiver.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Null(stream.Context.SpinYieldHookFailure);
        Assert.True(optionRead, "a synchronous call on another thread ran while the receive waited");
        Assert.Equal("after", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
    }

    [LinuxTheory] // the descriptor wait is Linux's (DescriptorWait.cs)
    [InlineData("before the kick is published")]
    [InlineData("after the kick is published")]
    [InlineData("from another thread")]
    public async Task A_cancellation_during_a_receives_wait_cancels_it_at_once_without_a_park(string when)
    {
        // As the send's (SpinBeforeParkTests; WaitCancellation says what each moment tests).
        await ThreadPoolSwitch.Leave();
        RequireReceiveWait();
        using var stream = new Stream();
        using var cancellation = new CancellationTokenSource();
        Task canceller = WaitCancellation.Arrange(when, stream.Context, cancellation);
        var buffer = new byte[16];
        Exception? error = await Record.ExceptionAsync(
            () => stream.Receiver.ReceiveAsync(buffer, cancellation.Token).AsTask().WaitAsync(TestSockets.Timeout));
        await canceller.WaitAsync(TestSockets.Timeout); // first: "the wait never slept" explains what follows
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Null(stream.Context.SpinYieldHookFailure);
        Assert.Equal(0, stream.Context.EngineParks);
        Assert.Equal(0, stream.Context.ReceiveWaitTimeouts);
        Assert.Equal(1, stream.Context.ReceiveWaitCounts.Started);
        stream.Context.SpinYieldHook = null;
        stream.Context.ThreadPoolBusyHook = static () => false;
        stream.Sender.Send("next"u8);
        ZmqReceiveResult result = await stream.Receiver.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("next", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_disposal_during_a_receives_wait_fails_the_receive_as_disposed()
    {
        await ThreadPoolSwitch.Leave();
        RequireReceiveWait();
        using var stream = new Stream();
        stream.AtFirstRelease(stream.Receiver.Dispose);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await stream.Receiver.ReceiveAsync(new byte[16]).AsTask().WaitAsync(TestSockets.Timeout));
        Assert.Null(stream.Context.SpinYieldHookFailure);
        Assert.Equal(0, stream.Context.ReceiveWaitTimeouts);
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_receive_direction_whose_waits_catch_nothing_stops_waiting()
    {
        // Each frame is sent only after its receive parked: no wait can catch one.
        await ThreadPoolSwitch.Leave();
        RequireReceiveWait();
        const int receives = 40;
        using var stream = new Stream();
        stream.Context.DescriptorWaitBudget = TimeSpan.FromMilliseconds(1);
        var buffer = new byte[16];
        for (int i = 0; i < receives; i++)
        {
            ValueTask<ZmqReceiveResult> receive = stream.Receiver.ReceiveAsync(buffer);
            Assert.False(receive.IsCompleted);
            stream.Sender.Send("late"u8);
            await receive.AsTask().WaitAsync(TestSockets.Timeout);
        }
        (int started, int caught) = stream.Context.ReceiveWaitCounts;
        Assert.Equal(0, caught);
        Assert.True(started >= 1, "a fresh direction waits on its first park");
        Assert.True(started <= 4 + receives / 16, $"{started} waits in {receives} parks that no wait could catch");
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_stream_beside_a_thread_of_synchronous_calls_loses_no_wake_up()
    {
        // A tcp stream in bursts, received by awaited receives that wait on the descriptor, while
        // another thread makes synchronous calls on the receiving socket all the time: reads of
        // ZMQ_EVENTS, which drain the signal a wait sleeps on (only the kick of their release can
        // wake it then), and option reads, which do not. A lost kick leaves a wait asleep for its
        // whole budget (the tests' timeout): counted as a timeout, and the stream stalls.
        await ThreadPoolSwitch.Leave();
        RequireReceiveWait();
        const int frames = 20_000;
        using var stream = new Stream();
        using var done = new CancellationTokenSource();
        using var neverCancelled = new CancellationTokenSource(); // registers the cancellation's kick on every wait
        var meddler = Task.Factory.StartNew(() =>
        {
            int calls = 0;
            while (!done.IsCancellationRequested)
            {
                _ = (++calls & 1) == 0 ? (int)stream.Receiver.Events : stream.Receiver.ReceiveHighWatermark;
                Thread.SpinWait(100); // the gate free between calls: a receive that meets it held parks instead of waiting
            }
            return calls;
        }, TaskCreationOptions.LongRunning);
        var sender = Task.Factory.StartNew(() =>
        {
            var random = new Random(28);
            var frame = new byte[8];
            for (int i = 0; i < frames; i++)
            {
                BitConverter.TryWriteBytes(frame, i);
                stream.Sender.Send(frame);
                if (random.Next(64) == 0)
                {
                    Thread.Yield(); // a gap in the stream now and then, so the receives wait
                }
            }
        }, TaskCreationOptions.LongRunning);
        var buffer = new byte[8];
        var watchdog = Task.Delay(TimeSpan.FromSeconds(60));
        var receiving = Task.Run(async () =>
        {
            for (int i = 0; i < frames; i++)
            {
                ZmqReceiveResult result = await stream.Receiver.ReceiveAsync(buffer, neverCancelled.Token);
                Assert.Equal(8, result.BytesWritten);
                Assert.Equal(i, BitConverter.ToInt32(buffer));
            }
        });
        Assert.Same(receiving, await Task.WhenAny(receiving, watchdog));
        await receiving;
        done.Cancel();
        Assert.True(await meddler > 0);
        await sender;
        Assert.Equal(0, stream.Context.ReceiveWaitTimeouts);
        Assert.True(stream.Context.ReceiveWaitSleepsPrepared > 0, "the receives waited on the descriptor");
    }
}
