using System.Diagnostics;
using Zmq.TestHost;
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
    private static readonly TimeSpan Stall = AsyncWorkloads.Stall;

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public async Task Full_duplex_on_one_socket_never_stalls(string transport)
    {
        await Run(() => AsyncWorkloads.FullDuplex(transport, rounds: 30, frames: 100_000));
        await AssertEngineStillWorks();
    }

    [Fact]
    public async Task Ten_thousand_cancel_races_lose_no_frame_and_leave_the_engine_working()
    {
        var counts = await Run(() => AsyncWorkloads.CancelRaces(10_000, seed: 1234));
        Assert.True(counts.Ended > 0, $"no race was cancelled ({counts}): the test did not race");
        Assert.True(counts.Completed > 0, $"no race completed ({counts}): no frame ever raced a cancellation");
        await AssertEngineStillWorks();
    }

    [Fact]
    public async Task Two_thousand_dispose_races_end_every_await_and_leave_the_engine_working()
    {
        var counts = await Run(() => AsyncWorkloads.DisposeRaces(2_000, seed: 4321));
        Assert.True(counts.Ended > 0, $"no await was ended by a disposal ({counts}): the test did not race");
        Assert.Equal(0, ZmqReactor.Instance.ParkedCount);
        await AssertEngineStillWorks();
    }

    /// <summary>Runs a workload, turning its failure (a stall, a lost frame) into the test's.</summary>
    private static async Task<T> Run<T>(Func<Task<T>> workload)
    {
        try
        {
            return await workload();
        }
        catch (AsyncWorkloadFailure failure)
        {
            Assert.Fail(failure.Message);
            throw;
        }
    }

    private static Task Run(Func<Task> workload) => Run(async () =>
    {
        await workload();
        return true;
    });

    [Fact]
    public async Task Ten_thousand_sockets_with_a_parked_receive_each_wake_in_random_order()
    {
        const int Sockets = 10_000;
        using var context = new ZmqContext { MaxSockets = Sockets + 16 };
        using var router = context.CreateBounded(ZmqSocketType.Router);
        router.SetRouterMandatory(true);
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
            await Task.Delay(100); // A window in which none may complete (the assertion is that none does).
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
                    Thread.Sleep(1); // Polling interval of a readiness loop bounded by Stall.
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
        await Task.Delay(100); // A window in which none may complete (the assertion is that none does).
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
        await Task.Delay(50); // A window in which none may complete after the re-parks (the assertion is that none does).
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

    [Fact]
    public async Task A_fault_in_the_reactor_loop_fails_every_parked_waiter_and_the_loop_goes_on()
    {
        using var context = new ZmqContext();
        using var triggerPush = context.CreateBounded(ZmqSocketType.Push);
        using var trigger = context.CreateBounded(ZmqSocketType.Pull);
        using var victim = context.CreateBounded(ZmqSocketType.Pull);
        triggerPush.Connect(trigger.BindAny("inproc"));
        victim.Bind(Endpoints.Inproc());
        var woken = trigger.ReceiveStringAsync().AsTask();
        var parked = victim.ReceiveStringAsync().AsTask();
        // Both are parked already (ReceiveAsync parks before it returns). The pause lets the reactor
        // consume any wake-up the registrations raised before the fault hook goes in, so that the
        // one wait it faults is the trigger's; an idle reactor is not observable from here.
        await Task.Delay(50);
        int faultsBefore = ZmqReactor.Instance.FaultCount;
        var injected = new InvalidOperationException("injected reactor fault");
        int thrown = 0;
        ZmqReactor.AfterWait = () =>
        {
            if (Interlocked.Exchange(ref thrown, 1) == 0)
            {
                throw injected;
            }
        };
        try
        {
            triggerPush.SendString("wake the reactor");
            Assert.Equal("wake the reactor", await woken.WaitAsync(Stall));
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => parked.WaitAsync(Stall));
            Assert.Same(injected, failure);
            Assert.Equal(faultsBefore + 1, ZmqReactor.Instance.FaultCount);
        }
        finally
        {
            ZmqReactor.AfterWait = null;
        }
        Assert.Equal("victim again", await ReceiveAfterSending(victim, "victim again"));
        await AssertEngineStillWorks();
    }

    private static async Task<string> ReceiveAfterSending(ZmqSocket pull, string text)
    {
        using var push = pull.Context.CreateBounded(ZmqSocketType.Push);
        push.Connect(pull.LastEndpoint);
        var receiving = pull.ReceiveStringAsync().AsTask();
        push.SendString(text);
        return await receiving.WaitAsync(Stall);
    }

    /// <summary>A fresh receive parks, then completes when its frame arrives: the reactor is alive.</summary>
    internal static Task AssertEngineStillWorks() => Run(AsyncWorkloads.ParkedReceiveCompletes);
}

/// <summary>The async stress tests run alone: they count parked operations process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AsyncStressCollection
{
    public const string Name = "async stress";
}
