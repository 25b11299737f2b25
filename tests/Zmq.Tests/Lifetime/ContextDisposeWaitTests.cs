using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

/// <summary>
/// ZmqContext.Dispose promises to wait for closed sockets to finish lingering once every socket was
/// disposed. A socket its owner disposed can still be held for a moment by the binding itself (the async
/// engine's reactor reading ZMQ_EVENTS, a call in flight on another thread that the shutdown ends,
/// the peer table's monitor reader): when that holder let go after the context's own release, the
/// termination ran on a background thread and Dispose returned at once, so the hosting drain logged
/// "queued messages delivered in 0 s" while the socket went on lingering with its queue.
/// </summary>
public class ContextDisposeWaitTests
{
    private const int Rounds = 300;
    private static readonly byte[] StreamedFrame = new byte[8];

    public enum Holder
    {
        None,
        PeerTable,
        MonitorReader,
        ReceivingUnderTraffic,
        BlockedReceive,
    }

    [Theory]
    [InlineData(Holder.None)]
    [InlineData(Holder.PeerTable)]
    [InlineData(Holder.MonitorReader)]
    [InlineData(Holder.ReceivingUnderTraffic)]
    [InlineData(Holder.BlockedReceive)]
    public void Dispose_after_every_socket_is_closed_returns_only_once_the_context_is_terminated(Holder holder) => Watchdog.Run(() =>
    {
        using var peerContext = new ZmqContext();
        using ZmqSocket peer = peerContext.CreateSocket(ZmqSocketType.Pull);
        peer.ReceiveHighWatermark = 1;
        peer.Bind("tcp://127.0.0.1:*");
        string endpoint = peer.LastEndpoint!;
        // For the traffic row: a source streaming to whichever socket of the round is connected, so
        // the reactor is busy with that socket's edges when it is disposed.
        using ZmqSocket source = peerContext.CreateSocket(ZmqSocketType.Push);
        source.SendTimeout = TimeSpan.FromMilliseconds(20);
        source.Bind("tcp://127.0.0.1:*");
        string sourceEndpoint = source.LastEndpoint!;
        using var stopSource = new CancellationTokenSource();
        Task streaming = holder != Holder.ReceivingUnderTraffic ? Task.CompletedTask : Task.Factory.StartNew(() =>
        {
            while (!stopSource.IsCancellationRequested)
            {
                source.TrySend(StreamedFrame);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        int early = 0;
        for (int round = 0; round < Rounds; round++)
        {
            var context = new ZmqContext { DefaultLinger = TimeSpan.Zero };
            // Where zmq_ctx_term ran, not whether it has by now: a background termination that
            // happened to finish before the check is still a Dispose that did not wait for it.
            int terminatedOn = 0;
            context.Terminated += () => Volatile.Write(ref terminatedOn, Environment.CurrentManagedThreadId);
            ZmqSocket socket = context.CreateSocket(holder is Holder.BlockedReceive or Holder.ReceivingUnderTraffic ? ZmqSocketType.Pull : ZmqSocketType.Push);
            Task? pending = Hold(socket, holder, holder == Holder.ReceivingUnderTraffic ? sourceEndpoint : endpoint);
            socket.Dispose();
            context.Dispose();
            if (Volatile.Read(ref terminatedOn) != Environment.CurrentManagedThreadId)
            {
                early++;
            }
            if (pending is not null)
            {
                Assert.True(pending.Wait(TestSockets.Timeout), "the held operation ended with the socket");
            }
        }
        stopSource.Cancel();
        Assert.True(streaming.Wait(TestSockets.Timeout));
        Assert.True(early == 0, $"Dispose returned before zmq_ctx_term in {early} of {Rounds} rounds");
    });

    /// <summary>
    /// A raw handle on the context's Handle is outside the census: Dispose must not wait for it (it
    /// would wait for ever on the thread that closes the handle next); the termination follows it.
    /// </summary>
    [Fact]
    public void A_raw_socket_handle_left_open_neither_blocks_Dispose_nor_the_termination_after_it() => Watchdog.Run(() =>
    {
        var context = new ZmqContext();
        int terminated = 0;
        context.Terminated += () => Volatile.Write(ref terminated, 1);
        ZmqSocket socket = context.CreateSocket(ZmqSocketType.Pair);
        Zmq.Interop.ZmqSocketHandle raw = Zmq.Interop.ZmqSocketHandle.Create(context.Handle, (int)ZmqSocketType.Pair);
        Assert.False(raw.IsInvalid);
        socket.Dispose();
        context.Dispose();
        Assert.Equal(0, Volatile.Read(ref terminated));
        raw.Dispose();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref terminated) == 1, TestSockets.Timeout), "closing the raw handle terminated the context");
    });

    private static Task? Hold(ZmqSocket socket, Holder holder, string endpoint)
    {
        switch (holder)
        {
            case Holder.None:
                socket.Connect(endpoint);
                return null;
            case Holder.PeerTable:
                _ = socket.Peers;
                socket.Connect(endpoint);
                return null;
            case Holder.MonitorReader:
            {
                // A ZmqMonitor's reader sits in a receive on its own thread: it closes when that
                // receive ends, after the context's shutdown.
                var monitor = new ZmqMonitor(socket);
                socket.Connect(endpoint);
                return Task.Run(() =>
                {
                    using (monitor)
                    {
                        EventWaits.Until(() => socket.IsDisposed, "the round disposed the monitored socket");
                    }
                });
            }
            case Holder.ReceivingUnderTraffic:
            {
                socket.Connect(endpoint);
                using var flowing = new SemaphoreSlim(0);
                Task receiving = Task.Run(async () =>
                {
                    byte[] buffer = new byte[8];
                    try
                    {
                        for (int received = 0; ; received++)
                        {
                            await socket.ReceiveAsync(buffer);
                            if (received == 10)
                            {
                                flowing.Release();
                            }
                        }
                    }
                    catch (Exception e) when (e is ObjectDisposedException or ZmqContextTerminatedException)
                    {
                        // The round's Dispose ended the loop (the context's shutdown ends an attempt
                        // that was running when the socket was disposed).
                    }
                });
                Assert.True(flowing.Wait(TestSockets.Timeout), "messages flow to the round's socket");
                return receiving;
            }
            default:
            {
                socket.Bind(Endpoints.Inproc());
                socket.ReceiveTimeout = Timeout.InfiniteTimeSpan;
                Task receive = Task.Factory.StartNew(() => Record.Exception(() => socket.Receive(new byte[8])),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                EventWaits.WaitUntilInCall(socket);
                return receive;
            }
        }
    }
}
