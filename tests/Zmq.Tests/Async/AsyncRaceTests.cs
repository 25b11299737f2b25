using System.Diagnostics;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// The async engine under races: both directions on one socket, cancellation and disposal at random
/// sub-millisecond offsets, thousands of parked operations ended at once. Every test ends with proof
/// that the process's async machinery still works (a fresh parked receive completes), because the
/// failure these tests hunt for is an await that never completes, here or in a later test.
/// </summary>
[Collection(AsyncStressCollection.Name)]
public class AsyncRaceTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public async Task Full_duplex_on_one_socket_never_stalls(string transport)
    {
        const int Rounds = 12, Frames = 100_000;
        for (int round = 0; round < Rounds; round++)
        {
            using var context = new ZmqContext();
            using var a = CreateDealer(context);
            using var b = CreateDealer(context);
            a.Connect(b.BindAny(transport));
            var counts = new long[4]; // a sent, a received, b sent, b received
            Task[] loops =
            [
                Task.Run(() => SendLoop(a, Frames, counts, 0)),
                Task.Run(() => ReceiveLoop(a, Frames, counts, 1)),
                Task.Run(() => SendLoop(b, Frames, counts, 2)),
                Task.Run(() => ReceiveLoop(b, Frames, counts, 3)),
            ];
            await WaitWithProgress(Task.WhenAll(loops), counts,
                () => $"{transport} round {round + 1}/{Rounds}: a sent {counts[0]:N0}, received {counts[1]:N0}; b sent {counts[2]:N0}, received {counts[3]:N0} of {Frames:N0}");
        }
        await AssertEngineStillWorks();
    }

    private static ZmqSocket CreateDealer(ZmqContext context)
    {
        var socket = context.CreateBounded(ZmqSocketType.Dealer);
        socket.SendHighWatermark = 100;
        socket.ReceiveHighWatermark = 100;
        return socket;
    }

    private static async Task SendLoop(ZmqSocket socket, int frames, long[] counts, int slot)
    {
        byte[] frame = new byte[8];
        for (int i = 0; i < frames; i++)
        {
            BitConverter.TryWriteBytes(frame, (long)i);
            await socket.SendAsync(frame);
            Volatile.Write(ref counts[slot], i + 1);
        }
    }

    private static async Task ReceiveLoop(ZmqSocket socket, int frames, long[] counts, int slot)
    {
        byte[] buffer = new byte[8];
        for (int i = 0; i < frames; i++)
        {
            await socket.ReceiveAsync(buffer);
            Assert.Equal(i, BitConverter.ToInt64(buffer));
            Volatile.Write(ref counts[slot], i + 1);
        }
    }

    /// <summary>Waits for <paramref name="work"/>, failing as soon as the counters stop moving for <see cref="Stall"/>.</summary>
    private static async Task WaitWithProgress(Task work, long[] counts, Func<string> describe)
    {
        long last = -1;
        var sinceProgress = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(200));
            long now = counts.Sum();
            if (now != last)
            {
                last = now;
                sinceProgress.Restart();
            }
            else if (sinceProgress.Elapsed > Stall)
            {
                Assert.Fail($"stalled for {Stall.TotalSeconds} s: {describe()}");
            }
        }
        await work;
    }

    [Fact]
    public async Task Ten_thousand_cancel_races_lose_no_frame_and_leave_the_engine_working()
    {
        const int Races = 10_000;
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("inproc"));
        var random = new Random(1234);
        byte[] buffer = new byte[8];
        int sent = 0, received = 0, cancelled = 0;
        for (int i = 0; i < Races; i++)
        {
            using var cancel = new CancellationTokenSource();
            var receiving = pull.ReceiveAsync(buffer, cancel.Token);
            int spin = random.Next(0, 4000);
            bool alsoSend = random.Next(3) == 0;
            var canceller = Task.Run(() =>
            {
                Thread.SpinWait(spin);
                cancel.Cancel();
            });
            if (alsoSend)
            {
                // A frame racing the cancellation: either the receive gets it or it stays queued.
                push.Send(BitConverter.GetBytes(sent));
                sent++;
            }
            try
            {
                await receiving.AsTask().WaitAsync(Stall);
                Assert.Equal(received, BitConverter.ToInt32(buffer));
                received++;
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
            catch (TimeoutException)
            {
                Assert.Fail($"race {i}: the receive neither completed nor was cancelled (a lost wake-up)");
            }
            await canceller;
        }
        // Every frame sent arrives exactly once and in order: a cancelled receive consumed nothing.
        while (received < sent)
        {
            var result = await pull.ReceiveAsync(buffer).AsTask().WaitAsync(Stall);
            Assert.Equal(received, BitConverter.ToInt32(buffer.AsSpan(0, result.BytesWritten)));
            received++;
        }
        Assert.False(pull.TryReceive(buffer, out _, ZmqReceiveFlags.DontWait), "a frame arrived twice");
        Assert.True(cancelled > 0, "no race was cancelled: the test did not race");
        await AssertEngineStillWorks();
    }

    [Fact]
    public async Task Two_thousand_dispose_races_end_every_await_and_leave_the_engine_working()
    {
        const int Races = 2_000;
        using var context = new ZmqContext { MaxSockets = 4096 };
        using var push = context.CreateBounded(ZmqSocketType.Push);
        string endpoint = push.BindAny("inproc");
        var random = new Random(4321);
        int disposed = 0, completed = 0;
        for (int i = 0; i < Races; i++)
        {
            var pull = context.CreateBounded(ZmqSocketType.Pull);
            pull.Connect(endpoint);
            bool alsoSend = random.Next(4) == 0;
            int spin = random.Next(0, 4000);
            var receiving = pull.ReceiveAsync(new byte[8]);
            var disposer = Task.Run(() =>
            {
                Thread.SpinWait(spin);
                pull.Dispose();
            });
            if (alsoSend)
            {
                push.TrySend("x"u8, ZmqSendFlags.DontWait);
            }
            try
            {
                await receiving.AsTask().WaitAsync(Stall);
                completed++;
            }
            catch (ObjectDisposedException)
            {
                disposed++;
            }
            catch (TimeoutException)
            {
                Assert.Fail($"race {i}: the receive neither completed nor failed after its socket was disposed");
            }
            await disposer;
        }
        Assert.True(disposed > 0, $"no await was ended by a disposal ({completed} completed): the test did not race");
        Assert.Equal(0, ZmqReactor.Instance.ParkedCount);
        await AssertEngineStillWorks();
    }

    [Fact]
    public async Task Ten_thousand_sockets_with_a_parked_receive_each_wake_in_random_order()
    {
        const int Sockets = 10_000;
        using var context = new ZmqContext { MaxSockets = Sockets + 16 };
        using var router = context.CreateBounded(ZmqSocketType.Router);
        router.RouterMandatory = true;
        string endpoint = router.BindAny("inproc");
        var dealers = new List<ZmqSocket>(Sockets);
        var random = new Random(99);
        try
        {
            for (int i = 0; i < Sockets; i++)
            {
                var dealer = context.CreateBounded(ZmqSocketType.Dealer);
                dealer.RoutingId = BitConverter.GetBytes(i);
                dealer.Connect(endpoint);
                dealers.Add(dealer);
            }
            // A third of them are cancelled while the rest stay parked, then park again: parks,
            // cancellations and wake-ups of thousands of sockets interleave on the one reactor.
            var cancels = dealers.Select(_ => new CancellationTokenSource()).ToArray();
            var receives = dealers.Select((d, i) => d.ReceiveStringAsync(cancels[i].Token).AsTask()).ToArray();
            await Task.Delay(100);
            Assert.All(receives, r => Assert.False(r.IsCompleted));
            int[] cancelled = Enumerable.Range(0, Sockets).Where(_ => random.Next(3) == 0).ToArray();
            Parallel.ForEach(cancelled, i => cancels[i].Cancel());
            foreach (int i in cancelled)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receives[i].WaitAsync(Stall));
                receives[i] = dealers[i].ReceiveStringAsync().AsTask();
            }
            int[] order = Enumerable.Range(0, Sockets).ToArray();
            random.Shuffle(order);
            foreach (int i in order)
            {
                // The router learns a peer's routing id asynchronously: retry until it knows this one.
                var deadline = Stopwatch.StartNew();
                while (!TrySendTo(router, i))
                {
                    Assert.True(deadline.Elapsed < Stall, $"router never learned dealer {i}");
                    Thread.Sleep(1);
                }
            }
            try
            {
                await Task.WhenAll(receives).WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{receives.Count(r => !r.IsCompleted)} of {Sockets} parked receives never completed although their frames were sent");
            }
            string[] texts = await Task.WhenAll(receives);
            for (int i = 0; i < Sockets; i++)
            {
                Assert.Equal($"to {i}", texts[i]);
            }
            Array.ForEach(cancels, c => c.Dispose());
        }
        finally
        {
            dealers.ForEach(d => d.Dispose());
        }
        await AssertEngineStillWorks();
    }

    private static bool TrySendTo(ZmqSocket router, int id)
    {
        try
        {
            router.SendMultipart([BitConverter.GetBytes(id), System.Text.Encoding.UTF8.GetBytes($"to {id}")]);
            return true;
        }
        catch (ZmqException e) when (e.Error == ZmqError.HostUnreachable)
        {
            return false;
        }
    }

    [Fact]
    public async Task Shutdown_ends_thousands_of_parked_operations_each_exactly_once()
    {
        const int Pairs = 1_500;
        var context = new ZmqContext { MaxSockets = 2 * Pairs + 16 };
        var sockets = new List<ZmqSocket>();
        try
        {
            var operations = new List<(ZmqSocket Socket, bool Receiving)>();
            for (int i = 0; i < Pairs; i++)
            {
                var pull = context.CreateBounded(ZmqSocketType.Pull);
                pull.Bind(Endpoints.Inproc());
                var push = context.CreateBounded(ZmqSocketType.Push); // no peer: a send parks
                sockets.Add(pull);
                sockets.Add(push);
                operations.Add((pull, true));
                operations.Add((push, false));
            }
            List<Task> pending = await ParkWithSomeCancelled(operations);
            context.Shutdown();
            await AssertAllEndWith<ZmqContextTerminatedException>(pending);
            Assert.Equal(0, ZmqReactor.Instance.ParkedCount);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
            context.Dispose();
        }
        await AssertEngineStillWorks();
    }

    [Fact]
    public async Task Disposing_thousands_of_sockets_with_parked_operations_ends_each_exactly_once()
    {
        const int Sockets = 1_500;
        using var context = new ZmqContext { MaxSockets = Sockets + 16 };
        int registeredBefore = ZmqReactor.Instance.RegisteredCount;
        var sockets = new List<ZmqSocket>();
        var operations = new List<(ZmqSocket Socket, bool Receiving)>();
        for (int i = 0; i < Sockets; i++)
        {
            var dealer = context.CreateBounded(ZmqSocketType.Dealer); // no peer: both directions park
            sockets.Add(dealer);
            operations.Add((dealer, true));
            operations.Add((dealer, false));
        }
        List<Task> pending = await ParkWithSomeCancelled(operations);
        // Disposed from several threads at once, as a shutting-down server would.
        Parallel.ForEach(sockets, s => s.Dispose());
        await AssertAllEndWith<ObjectDisposedException>(pending);
        Assert.Equal(0, ZmqReactor.Instance.ParkedCount);
        Assert.Equal(registeredBefore, ZmqReactor.Instance.RegisteredCount);
        await AssertEngineStillWorks();
    }

    /// <summary>
    /// Parks one operation per entry, then cancels every third and parks it again without a token,
    /// so that what ends them all next also meets waiters that went through a cancellation.
    /// </summary>
    private static async Task<List<Task>> ParkWithSomeCancelled(List<(ZmqSocket Socket, bool Receiving)> operations)
    {
        var cancels = operations.Select(_ => new CancellationTokenSource()).ToArray();
        var pending = operations.Select((o, i) => Start(o, cancels[i].Token)).ToList();
        await Task.Delay(100);
        Assert.All(pending, p => Assert.False(p.IsCompleted));
        for (int i = 0; i < pending.Count; i += 3)
        {
            cancels[i].Cancel();
        }
        for (int i = 0; i < pending.Count; i += 3)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending[i].WaitAsync(Stall));
            pending[i] = Start(operations[i], CancellationToken.None);
        }
        Array.ForEach(cancels, c => c.Dispose());
        await Task.Delay(50);
        Assert.All(pending, p => Assert.False(p.IsCompleted));
        return pending;

        static Task Start((ZmqSocket Socket, bool Receiving) operation, CancellationToken token) => operation.Receiving
            ? operation.Socket.ReceiveAsync(new byte[8], token).AsTask()
            : operation.Socket.SendAsync(new byte[8], cancellationToken: token).AsTask();
    }

    private static async Task AssertAllEndWith<TException>(List<Task> pending)
        where TException : Exception
    {
        try
        {
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{pending.Count(p => !p.IsCompleted)} of {pending.Count} parked operations never ended");
        }
        catch (Exception)
        {
            // Expected: every one of them failed; checked below.
        }
        Assert.All(pending, p => Assert.IsType<TException>(p.Exception?.InnerException));
    }

    /// <summary>A fresh receive parks, then completes when its frame arrives: the reactor is alive.</summary>
    internal static async Task AssertEngineStillWorks()
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("tcp"));
        var receiving = pull.ReceiveStringAsync().AsTask();
        await Task.Delay(20);
        Assert.False(receiving.IsCompleted, "a receive completed before anything was sent");
        push.SendString("still alive");
        try
        {
            Assert.Equal("still alive", await receiving.WaitAsync(Stall));
        }
        catch (TimeoutException)
        {
            Assert.Fail("the async engine is wedged: a parked receive did not complete although its frame was sent");
        }
    }
}

/// <summary>The async stress tests run alone: they count parked operations process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AsyncStressCollection
{
    public const string Name = "async stress";
}
