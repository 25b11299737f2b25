using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// The spin before a park (Async/SocketAsyncContext.Spin.cs): a frame that comes while a refused
/// receive yields, or room that comes while a refused send waits on its socket's signal, completes
/// it with no park; the gate is free during the yields; a spin that finds
/// the gate taken, a cancellation or a disposal during one ends as a park would; a direction whose
/// spins catch nothing stops spinning; and ZMQ_ASYNC_SPIN sets or refuses the number of yields
/// (in a child process: it is read once per process). Each hook runs at the first yield, on the
/// spinning thread, after it let go of the gate.
/// Tests of a wait first leave xunit's synchronization context (ThreadPoolSwitch): the engine
/// never holds a thread that has one for a wait.
/// </summary>
[Collection(ProcessWideStateCollection.Name)] // exact counts of waits: another test's late kick could wake one
public class SpinBeforeParkTests
{
    /// <summary>The hooks run only while a receive spins: with ZMQ_ASYNC_SPIN=0 in the environment they could not.</summary>
    private static void RequireSpinning() =>
        Assert.True(AsyncSpin.Yields > 0, $"these tests need spinning on: run them without {AsyncSpin.Variable}=0");

    /// <summary>The send's wait needs spinning on and the descriptor wait (the tests that use it run on Linux only).</summary>
    private static void RequireSendWait()
    {
        RequireSpinning();
        Assert.True(DescriptorWait.Available, "ppoll was not found: the send's wait before parking is off");
    }

    [Fact]
    public async Task A_frame_sent_while_a_receive_spins_completes_it_without_a_park()
    {
        RequireSpinning();
        using var pipe = new PushPullPipe();
        var context = pipe.Pull.AsyncContext;
        int hooks = 0;
        context.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                pipe.Push.Send("caught"u8);
            }
        };
        var buffer = new byte[16];
        ValueTask<ZmqReceiveResult> receive = pipe.Pull.ReceiveAsync(buffer);
        Assert.True(receive.IsCompletedSuccessfully, "the frame that came during the spin completed the receive in the call");
        ZmqReceiveResult result = await receive.AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("caught", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
        Assert.Null(context.SpinYieldHookFailure);
        Assert.Equal(0, context.EngineParks);
        Assert.Equal((1, 1), context.ReceiveSpinCounts);
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_send_at_the_high_water_mark_that_the_reader_drains_during_its_wait_completes_without_a_park()
    {
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        int hooks = 0;
        push.AsyncContext.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                pipe.Drain(queued); // the reader's drain signals the sender's descriptor
            }
        };
        ValueTask send = push.SendAsync("last"u8.ToArray());
        Assert.True(send.IsCompletedSuccessfully, "the room made during the wait completed the send in the call");
        await send;
        Assert.Null(push.AsyncContext.SpinYieldHookFailure);
        Assert.Equal(0, push.AsyncContext.EngineParks);
        Assert.Equal((1, 1), push.AsyncContext.SendWaitCounts);
        Assert.Equal("last", pull.ReceiveString());
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_send_whose_room_does_not_come_during_its_wait_parks_and_completes_later()
    {
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        int readsBefore = push.AsyncContext.EngineEventReads;
        ValueTask send = push.SendAsync("last"u8.ToArray());
        Assert.False(send.IsCompleted);
        Assert.Equal(1, push.AsyncContext.EngineParks);
        Assert.Equal((1, 0), push.AsyncContext.SendWaitCounts);
        // It slept once, to its timeout, and parked: the wait's read before the sleep and the
        // park's after it, not a busy loop (a ppoll that returned at once would read thousands of
        // times) and no read of the wait's own after the timeout.
        int reads = push.AsyncContext.EngineEventReads - readsBefore;
        Assert.True(reads == 2, $"{reads} ZMQ_EVENTS reads during one send's wait and park (expected 2)");
        Assert.Equal(1, push.AsyncContext.SendWaitTimeouts);
        Assert.Equal(1, push.AsyncContext.SendWaitSleepsPrepared);
        pipe.Drain(queued);
        await send.AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("last", pull.ReceiveString());
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_send_refused_while_writable_parks_without_preparing_a_sleep()
    {
        // XPUB_NODROP reports POLLOUT while the full subscriber refuses the frame: the wait's first
        // ZMQ_EVENTS read says writable, the retry is refused, and it parks. It never slept, so it
        // rents no kick, lists nothing and registers nothing (a busy service pays that on every
        // refused send otherwise); a wait that does sleep gets one (A_send_whose_room_does_not_come…).
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        using var context = new ZmqContext();
        using var xpub = context.CreateSocket(ZmqSocketType.XPub);
        using var sub = context.CreateSocket(ZmqSocketType.Sub);
        xpub.SendHighWatermark = 1;
        sub.ReceiveHighWatermark = 1;
        xpub.SetXPubNoDrop(true);
        xpub.ReceiveTimeout = TestSockets.Timeout;
        xpub.Bind("inproc://refused-while-writable");
        sub.Connect("inproc://refused-while-writable");
        sub.Subscribe(ReadOnlySpan<byte>.Empty);
        Assert.True(xpub.TryReceive(new byte[8], out _), "the subscription reached the XPUB");
        int queued = 0;
        while (xpub.TrySend("queued"u8, ZmqSendFlags.DontWait))
        {
            Assert.True(++queued < 10_000, "the pipe never filled");
        }
        Assert.True(xpub.Events.HasFlag(ZmqPollEvents.Out), "XPUB_NODROP says writable while it refuses");
        ValueTask send = xpub.SendAsync("last"u8.ToArray());
        Assert.False(send.IsCompleted);
        // Parked deaf; the back-off re-check may already have retried and parked again on a loaded
        // machine (a retry after a wake never waits, so the counts below stay).
        Assert.True(xpub.AsyncContext.EngineParks >= 1, "the refused send parked");
        Assert.Equal((1, 0), xpub.AsyncContext.SendWaitCounts);
        Assert.Equal(0, xpub.AsyncContext.SendWaitSleepsPrepared);
        sub.ReceiveTimeout = TestSockets.Timeout;
        var frame = new byte[16];
        for (int i = 0; i < queued; i++)
        {
            Assert.True(sub.TryReceive(frame, out _), "a queued frame arrived");
        }
        await send.AsTask().WaitAsync(TestSockets.Timeout);
        Assert.True(sub.TryReceive(frame, out ZmqReceiveResult last), "the awaited frame arrived");
        Assert.Equal("last", System.Text.Encoding.ASCII.GetString(frame, 0, last.BytesWritten));
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_call_that_takes_the_signal_a_send_waits_for_kicks_the_wait()
    {
        // The waiting send is not parked: a synchronous ZMQ_EVENTS read on another thread
        // processes the command that made room, and with it the signal the wait sleeps on. Its
        // release must wake the wait, which then finds the room at once instead of sleeping its
        // whole budget.
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        int hooks = 0;
        ZmqPollEvents seen = ZmqPollEvents.None;
        push.AsyncContext.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                pipe.Drain(queued); // signals the sender's descriptor
                Assert.True(Task.Run(() => seen = push.Events).Wait(TestSockets.Timeout), "the synchronous read ran while the send waited");
            }
        };
        ValueTask send = push.SendAsync("last"u8.ToArray());
        Assert.True(send.IsCompletedSuccessfully, "the room completed the send in the call");
        await send;
        Assert.Null(push.AsyncContext.SpinYieldHookFailure);
        Assert.True(seen.HasFlag(ZmqPollEvents.Out), $"the synchronous read drained the room's command first (saw {seen})");
        Assert.Equal(0, push.AsyncContext.SendWaitTimeouts);
        Assert.Equal(0, push.AsyncContext.EngineParks);
        Assert.Equal("last", pull.ReceiveString());
    }

    [LinuxTheory] // the descriptor wait is Linux's (DescriptorWait.cs)
    [InlineData("queued")]
    [InlineData("completion")]
    [InlineData("kick")]
    public void A_send_waits_only_while_the_thread_pool_does_not_need_its_thread(string mode)
    {
        // One pool worker (DOTNET_PROCESSOR_COUNT=1): a send that slept on it held up the work
        // queued behind it (in an inproc stream, the awaited receive whose continuation makes the
        // send's room) until the wait timed out. With work queued before the call, the send parks
        // without sleeping; with a continuation queued during its sleep, it wakes and parks; and
        // woken by a completion's kick whose work another worker already took, it parks too.
        var result = ChildProcess.RunTestHost("send-wait-pool", TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" }, mode);
        result.AssertSucceeded("the send-wait-pool scenario failed or hung");
        Assert.Contains($"pool workers 1 CPU, {mode}: send pending True, parks 1, waits 1, timed out 0, queued item ran False, sleeps prepared {(mode == "queued" ? 0 : 1)}{(mode == "queued" ? "" : ", slept True")}",
            result.Output, StringComparison.Ordinal);
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task The_gate_is_free_while_a_send_waits()
    {
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        int hooks = 0;
        bool optionRead = false;
        push.AsyncContext.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                // A synchronous call on the waiting socket from another thread: it would wait for
                // ever on a gate the wait kept.
                optionRead = Task.Run(() => push.SendHighWatermark).Wait(TestSockets.Timeout);
                pipe.Drain(queued);
            }
        };
        await push.SendAsync("last"u8.ToArray()).AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Null(push.AsyncContext.SpinYieldHookFailure);
        Assert.True(optionRead, "a synchronous call on another thread ran while the send waited");
    }

    [LinuxTheory] // the descriptor wait is Linux's (DescriptorWait.cs)
    [InlineData("before the kick is published")]
    [InlineData("after the kick is published")]
    [InlineData("from another thread")]
    public async Task A_cancellation_during_a_sends_wait_cancels_it_at_once_without_a_park(string when)
    {
        // The wait's budget is far longer than the test's timeout: only the cancellation, not the
        // clock, can end the sleep in time. Before the publish the token's callback finds no kick
        // and the wait must see the cancellation itself; after it the callback kicks; from another
        // thread the cancellation lands during the sleep (without the callback this one sleeps out
        // its budget, without the check the first one does).
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        push.AsyncContext.DescriptorWaitBudget = TimeSpan.FromSeconds(30);
        using var cancellation = new CancellationTokenSource();
        Task canceller = WaitCancellation.Arrange(when, push.AsyncContext, cancellation);
        Exception? error = await Record.ExceptionAsync(
            () => push.SendAsync("cancelled"u8.ToArray(), cancellationToken: cancellation.Token).AsTask().WaitAsync(TestSockets.Timeout));
        await canceller.WaitAsync(TestSockets.Timeout); // first: "the wait never slept" explains what follows
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Null(push.AsyncContext.SpinYieldHookFailure);
        Assert.Equal(0, push.AsyncContext.EngineParks);
        Assert.Equal(0, push.AsyncContext.SendWaitTimeouts);
        push.AsyncContext.SpinYieldHook = null;
        push.AsyncContext.ThreadPoolBusyHook = static () => false;
        pipe.Drain(queued);
        await push.SendAsync("next"u8.ToArray()).AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("next", pull.ReceiveString());
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_disposal_during_a_sends_wait_fails_the_send_as_disposed()
    {
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        using var pipe = new FullPipe();
        var (push, pull, _) = pipe;
        push.AsyncContext.SpinYieldHook = push.Dispose;
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await push.SendAsync("late"u8.ToArray()).AsTask().WaitAsync(TestSockets.Timeout));
        Assert.Null(push.AsyncContext.SpinYieldHookFailure);
    }

    [LinuxFact] // the descriptor wait is Linux's (DescriptorWait.cs)
    public async Task A_direction_whose_waits_catch_nothing_stops_waiting()
    {
        // Each send is refused at the high-water mark and its room comes only after it parked.
        await ThreadPoolSwitch.Leave();
        RequireSendWait();
        const int sends = 40;
        using var pipe = new FullPipe();
        var (push, pull, queued) = pipe;
        for (int i = 0; i < sends; i++)
        {
            ValueTask send = push.SendAsync("more"u8.ToArray());
            Assert.False(send.IsCompleted);
            pipe.Drain(1);
            await send.AsTask().WaitAsync(TestSockets.Timeout);
        }
        (int started, int caught) = push.AsyncContext.SendWaitCounts;
        Assert.Equal(0, caught);
        Assert.True(started >= 1, "a fresh direction waits on its first park");
        Assert.True(started <= 4 + sends / 16, $"{started} waits in {sends} parks that no wait could catch");
    }

    [Fact]
    public async Task The_gate_is_free_while_an_operation_spins()
    {
        RequireSpinning();
        using var pipe = new PushPullPipe();
        int hooks = 0;
        bool optionRead = false;
        pipe.Pull.AsyncContext.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                // A synchronous call from another thread: it would wait for ever on a gate the spin kept.
                optionRead = Task.Run(() => pipe.Pull.ReceiveHighWatermark).Wait(TestSockets.Timeout);
                pipe.Push.Send("after"u8);
            }
        };
        var buffer = new byte[16];
        ZmqReceiveResult result = await pipe.Pull.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Null(pipe.Pull.AsyncContext.SpinYieldHookFailure);
        Assert.True(optionRead, "a synchronous call on another thread ran while the receive spun");
        Assert.Equal("after", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
    }

    [Fact]
    public async Task A_spin_that_finds_the_gate_taken_parks_and_completes_when_the_frame_comes()
    {
        RequireSpinning();
        using var pipe = new PushPullPipe();
        var context = pipe.Pull.AsyncContext;
        Task<string>? blocking = null;
        int hooks = 0;
        context.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) != 1)
            {
                return;
            }
            // A blocking receive takes the gate and keeps it until a frame comes. Nothing else takes
            // this socket's gate yet (no park so far: the reactor does not know the socket).
            blocking = Task.Run(() => pipe.Pull.ReceiveString());
            var deadline = DateTime.UtcNow + TestSockets.Timeout;
            while (!context.IsGateHeld)
            {
                Assert.True(DateTime.UtcNow < deadline, "the blocking receive never took the gate");
                Thread.Yield();
            }
        };
        var buffer = new byte[16];
        ValueTask<ZmqReceiveResult> receive = pipe.Pull.ReceiveAsync(buffer);
        Assert.False(receive.IsCompleted);
        Assert.Equal((1, 0), context.ReceiveSpinCounts);
        pipe.Push.Send("first"u8);
        Assert.Equal("first", await blocking!.WaitAsync(TestSockets.Timeout));
        pipe.Push.Send("second"u8);
        ZmqReceiveResult result = await receive.AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("second", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
        Assert.Null(context.SpinYieldHookFailure);
        Assert.True(context.EngineParks >= 1, "the receive parked behind the blocking call");
    }

    [Fact]
    public async Task A_cancellation_during_the_spin_cancels_the_operation_and_leaves_the_socket_usable()
    {
        RequireSpinning();
        using var pipe = new PushPullPipe();
        using var cancellation = new CancellationTokenSource();
        int hooks = 0;
        pipe.Pull.AsyncContext.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                cancellation.Cancel();
            }
        };
        var buffer = new byte[16];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => pipe.Pull.ReceiveAsync(buffer, cancellation.Token).AsTask().WaitAsync(TestSockets.Timeout));
        Assert.Equal(1, hooks); // the spin ended at the cancellation
        Assert.Equal(0, pipe.Pull.AsyncContext.EngineParks); // without parking first
        pipe.Pull.AsyncContext.SpinYieldHook = null;
        pipe.Push.Send("next"u8);
        ZmqReceiveResult result = await pipe.Pull.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal("next", Encoding.UTF8.GetString(buffer, 0, result.BytesWritten));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_disposal_during_the_spin_fails_the_operation_as_disposed(bool registeredBefore)
    {
        RequireSpinning();
        using var pipe = new PushPullPipe();
        var buffer = new byte[16];
        if (registeredBefore)
        {
            // One parked round first, so the socket's descriptor is registered with the reactor.
            ValueTask<ZmqReceiveResult> first = pipe.Pull.ReceiveAsync(buffer);
            pipe.Push.Send("warm"u8);
            await first.AsTask().WaitAsync(TestSockets.Timeout);
        }
        int hooks = 0;
        pipe.Pull.AsyncContext.SpinYieldHook = () =>
        {
            if (Interlocked.Increment(ref hooks) == 1)
            {
                pipe.Pull.Dispose();
            }
        };
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pipe.Pull.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout));
        Assert.Equal(1, hooks);
    }

    [Fact]
    public async Task A_direction_whose_spins_catch_nothing_stops_spinning()
    {
        RequireSpinning();
        // Every frame is sent only after its receive has parked, so no spin can catch one. A
        // direction spins on its first parks, then on one park in a probe interval.
        const int receives = 64;
        using var pipe = new PushPullPipe();
        var context = pipe.Pull.AsyncContext;
        var buffer = new byte[16];
        for (int i = 0; i < receives; i++)
        {
                ValueTask<ZmqReceiveResult> receive = pipe.Pull.ReceiveAsync(buffer);
            Assert.False(receive.IsCompleted);
            pipe.Push.Send("late"u8);
            await receive.AsTask().WaitAsync(TestSockets.Timeout);
        }
        (int started, int caught) = context.ReceiveSpinCounts;
        Assert.Equal(0, caught);
        Assert.True(started >= 1, "a fresh direction spins on its first park");
        Assert.True(started <= 4 + receives / 16, $"{started} spins in {receives} parks that no spin could catch");
    }

    [Theory]
    [InlineData("", "yields=16", "spins started=1")]
    [InlineData("inline", "yields=0", "spins started=0")]
    [InlineData("inline 16", "yields=16", "spins started=1")]
    [InlineData("0", "yields=0", "spins started=0")]
    [InlineData("3", "yields=3", "spins started=1")]
    [InlineData(" 3\r", "yields=3", "spins started=1")]
    [InlineData("junk", "setting refused: ZMQ_ASYNC_SPIN='junk' is not a number of yields from 0 to 1000", "receive refused: ZMQ_ASYNC_SPIN='junk'")]
    [InlineData("-1", "send refused: ZMQ_ASYNC_SPIN='-1'", "then received 6 B synchronously")]
    [InlineData("1001", "setting refused: ZMQ_ASYNC_SPIN='1001'", "then received 6 B synchronously")]
    public void ZMQ_ASYNC_SPIN_sets_the_yields_or_is_refused_by_name(string value, string expected, string expectedToo)
    {
        // Empty is unset (the default), whatever this process's own environment says; "inline"
        // turns the inline mode on, whose default is no spin.
        bool inline = value.StartsWith("inline", StringComparison.Ordinal);
        var environment = new Dictionary<string, string>
        {
            ["ZMQ_ASYNC_SPIN"] = inline ? value["inline".Length..].Trim() : value,
            ["ZMQ_ASYNC_INLINE_COMPLETIONS"] = inline ? "1" : "0",
        };
        var result = ChildProcess.RunTestHost("spin-setting", TimeSpan.FromSeconds(60), environment);
        result.AssertSucceeded("the spin-setting scenario hung");
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Contains(expectedToo, result.Output, StringComparison.Ordinal);
    }
}
