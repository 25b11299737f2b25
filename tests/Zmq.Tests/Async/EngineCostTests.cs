using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// What the engine costs per awaited operation, counted rather than timed (every ZMQ_EVENTS read is
/// a zero-timeout poll and a fork check inside libzmq, and they made an awaited round trip cost
/// twice a blocking one), and the one window that reading once per park opens.
/// </summary>
public class EngineCostTests
{
    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public async Task An_awaited_ping_pong_reads_ZMQ_EVENTS_about_once_per_park(string transport)
    {
        const int rounds = 2000;
        using var context = new ZmqContext();
        using var ping = context.CreateBounded(ZmqSocketType.Dealer);
        using var pong = context.CreateBounded(ZmqSocketType.Dealer);
        ping.Connect(pong.BindAny(transport));
        var buffer = new byte[8];
        var echo = Task.Run(async () =>
        {
            var frame = new byte[8];
            for (int i = 0; i < rounds; i++)
            {
                ZmqReceiveResult got = await pong.ReceiveAsync(frame);
                await pong.SendAsync(frame.AsMemory(0, got.BytesWritten));
            }
        });
        for (int i = 0; i < rounds; i++)
        {
            BitConverter.TryWriteBytes(buffer, i);
            await ping.SendAsync(buffer.AsMemory(0, 4));
            ZmqReceiveResult reply = await ping.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout);
            Assert.Equal(i, BitConverter.ToInt32(buffer, 0));
            Assert.Equal(4, reply.BytesWritten);
        }
        await echo.WaitAsync(TestSockets.Timeout);
        // Each park is met by one read: the refusal itself stands for the read before the park, and
        // the reactor reads once when the message's edge arrives (a retry that meets the reactor
        // still holding the gate parks again and is read again: one park, one read). The engine of
        // before read three times a park (after the refusal, at the release, on the wake). Reads
        // beyond the parks come from edges the reactor hears late, at most one per message (two a
        // round); the bound leaves one a round for those, and a read more per park breaks it.
        int reads = ping.AsyncContext.EngineEventReads + pong.AsyncContext.EngineEventReads;
        int parks = ping.AsyncContext.EngineParks + pong.AsyncContext.EngineParks;
        Assert.True(reads - parks <= rounds,
            $"{reads} ZMQ_EVENTS reads for {parks} parks in {rounds} awaited round trips over {transport} (expected about one read a park)");
    }

    [Theory]
    [InlineData("inproc", false)]
    [InlineData("inproc", true)]
    [InlineData("tcp", false)]
    public async Task A_message_arriving_between_the_parks_drain_and_its_count_is_not_lost(string transport, bool otherDirectionParked)
    {
        // The park's drain (its refused receive, or its ZMQ_EVENTS read when a send is parked too)
        // stands for the release's read; an edge that lands after that drain but before the
        // waiter is counted must not be lost, or the receive waits for ever for a message that is
        // already there. The hook sends the message in exactly that window and waits until its
        // signal is there: heard by the reactor, which asks the holder to read again (the
        // descriptor is watched: a send is parked), or pending on a descriptor nobody watches
        // (it fired for the warm-up message and nothing parked since), which the release's re-arm
        // must report.
        using var context = new ZmqContext();
        using var receiver = context.CreateBounded(ZmqSocketType.Dealer);
        using var peer = context.CreateBounded(ZmqSocketType.Dealer);
        receiver.SendHighWatermark = 1;
        peer.ReceiveHighWatermark = 1;
        peer.Connect(receiver.BindAny(transport));
        var buffer = new byte[8];
        // One parked round first, so the socket's descriptor is registered with the reactor.
        ValueTask<ZmqReceiveResult> first = receiver.ReceiveAsync(buffer);
        peer.Send("warm"u8);
        await first.AsTask().WaitAsync(TestSockets.Timeout);
        SocketReadiness readiness = receiver.AsyncContext.ReadinessIfMade!;
        if (!otherDirectionParked)
        {
            SpendSpareWatch(readiness, peer, receiver);
        }
        Task? parkedSend = null;
        if (otherDirectionParked)
        {
            // Fill the pipe towards the peer (which does not read), then park a send on it.
            while (receiver.TrySend("fill"u8, ZmqSendFlags.DontWait))
            {
            }
            parkedSend = receiver.SendAsync(new byte[] { 1 }).AsTask();
            Assert.False(parkedSend.IsCompleted);
        }
        int windows = 0;
        receiver.AsyncContext.BeforeParkHook = receiving =>
        {
            if (!receiving || windows++ > 0)
            {
                return;
            }
            int heardBefore = readiness.Edges.Count;
            peer.Send("late"u8);
            var deadline = DateTime.UtcNow + TestSockets.Timeout;
            // With a send parked the descriptor is watched: the reactor hears the signal and asks
            // for the recheck (waiting for that alone: it clears Armed a moment before it asks).
            // Otherwise nobody watches it, and the signal waits on it for the release's re-arm.
            while (otherDirectionParked
                ? !receiver.AsyncContext.IsRecheckRequested
                : !(Volatile.Read(ref readiness.Armed) == 0 && SocketAsyncContext.SignalPending(readiness.Descriptor)))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("the message's signal neither reached the reactor nor waits on the descriptor");
                }
                Thread.Yield();
            }
            if (!otherDirectionParked)
            {
                // Unwatched: the reactor heard nothing since the hook began (the edge count, not
                // the recheck bit: a late request from an edge counted before can still set that).
                // Watched, the loop above ended only on the recheck it asked for.
                Assert.Equal(heardBefore, readiness.Edges.Count);
            }
        };
        ZmqReceiveResult got = await receiver.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout);
        Assert.Equal(1, windows);
        Assert.Equal("late", System.Text.Encoding.ASCII.GetString(buffer, 0, got.BytesWritten));
        if (parkedSend is not null)
        {
            Assert.False(parkedSend.IsCompleted);
            receiver.Dispose(); // ends the parked send, which the peer never drains
            await Assert.ThrowsAsync<ObjectDisposedException>(() => parkedSend.WaitAsync(TestSockets.Timeout));
        }
    }

    /// <summary>
    /// The warm-up's woken receive can retry while the reactor still holds the gate for the check
    /// that woke it: it parks again and asks for a recheck, and that check, counting the new park,
    /// watches the descriptor again; the recheck completes the park, and the descriptor stays
    /// watched with nothing parked (one spare wake-up later, nothing lost). Spends that watch, so
    /// the window the test builds is the one in which nobody watches the descriptor.
    /// </summary>
    private static void SpendSpareWatch(SocketReadiness readiness, ZmqSocket peer, ZmqSocket receiver)
    {
        if (Volatile.Read(ref readiness.Armed) == 0)
        {
            return;
        }
        // A refused receive marks the pipe's reader asleep, so the next frame signals the descriptor.
        Assert.False(receiver.TryReceiveString(out _, ZmqReceiveFlags.DontWait));
        int heard = readiness.Edges.Count;
        peer.Send("spare"u8);
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        // Disarmed and counted: the reactor clears Armed a moment before it counts the edge.
        while (Volatile.Read(ref readiness.Armed) != 0 || readiness.Edges.Count == heard)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the reactor never heard the signal of a watched descriptor");
            }
            Thread.Yield();
        }
        Assert.Equal("spare", receiver.ReceiveString());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    public async Task Traffic_that_never_parks_does_not_wake_the_reactor(string transport)
    {
        // Over a transport with an I/O thread, whose commands reach the socket while the test's
        // thread is elsewhere; over inproc the sender's own thread signals and the receive right
        // after it consumes the signal before a watching reactor could hear it.
        // The reactor watches a descriptor one-shot: once it fired, it is watched again only when
        // an operation parks. A receiver whose every frame is already there when it asks (here a
        // blocking receive after each send, so its pipe is empty before each frame and libzmq
        // signals the descriptor for every one) must not wake the reactor once per frame: on a busy
        // CPU each such wake preempts the threads doing the work.
        const int frames = 500;
        using var context = new ZmqContext();
        using var receiver = context.CreateBounded(ZmqSocketType.Pull);
        using var sender = context.CreateBounded(ZmqSocketType.Push);
        sender.Connect(receiver.BindAny(transport));
        var buffer = new byte[8];
        // One parked receive registers the descriptor; its completion is the edge that disarms it.
        ValueTask<ZmqReceiveResult> first = receiver.ReceiveAsync(buffer);
        sender.Send("warm"u8);
        await first.AsTask().WaitAsync(TestSockets.Timeout);
        ReadinessEdges edges = receiver.AsyncContext.ReadinessIfMade!.Edges;
        int before = edges.Count;
        for (int i = 0; i < frames; i++)
        {
            sender.Send("frame"u8);
            Assert.Equal(5, receiver.Receive(buffer).BytesWritten);
        }
        // A last parked receive: its release watches the descriptor again, and its frame's edge
        // is heard after every edge of the loop that the reactor would have heard.
        ValueTask<ZmqReceiveResult> last = receiver.ReceiveAsync(buffer);
        Assert.False(last.IsCompleted);
        sender.Send("last"u8);
        await last.AsTask().WaitAsync(TestSockets.Timeout);
        int heard = edges.Count - before;
        Assert.True(heard <= 2, $"the reactor heard {heard} edges for {frames} frames that never parked, and the last one that did (expected 1)");
    }
}
