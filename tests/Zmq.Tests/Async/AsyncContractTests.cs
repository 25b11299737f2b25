using System.Diagnostics;
using System.Text.RegularExpressions;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// The concurrency contract: any number of pending asynchronous receives and sends per socket (FIFO per direction), from
/// any threads; synchronous calls from other threads are serialized with them; two synchronous calls
/// at once are refused. And the engine's promises: nothing allocated per parked await, both backends.
/// </summary>
public partial class AsyncContractTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Sync_calls_from_another_thread_are_serialized_with_pending_async_operations()
    {
        const int Count = 2_000;
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Dealer);
        using var echo = context.CreateBounded(ZmqSocketType.Dealer);
        a.Connect(echo.BindAny("tcp"));
        var echoing = Task.Run(() =>
        {
            for (int i = 0; i < Count; i++)
            {
                echo.Send(echo.ReceiveMessage().Data);
            }
        });
        var receiving = Task.Run(async () =>
        {
            byte[] buffer = new byte[4];
            for (int i = 0; i < Count; i++)
            {
                await a.ReceiveAsync(buffer);
                Assert.Equal(i, BitConverter.ToInt32(buffer));
            }
        });
        // Meanwhile another thread sends synchronously and reads options on the same socket.
        var syncCalls = Task.Run(() =>
        {
            for (int i = 0; i < Count; i++)
            {
                a.Send(BitConverter.GetBytes(i));
                _ = a.Events;
                _ = a.ReceiveHighWatermark;
            }
        });
        await Task.WhenAll(receiving, syncCalls, echoing).WaitAsync(Limit);
    }

    [Fact]
    public async Task A_blocking_sync_call_holds_the_socket_and_an_async_send_goes_when_it_returns()
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Dealer);
        using var peer = context.CreateBounded(ZmqSocketType.Dealer);
        a.Connect(peer.BindAny("inproc"));
        a.ReceiveTimeout = TimeSpan.FromMilliseconds(600);
        var clock = Stopwatch.StartNew();
        TimeSpan receiveReturned = default;
        using var entering = new ManualResetEventSlim();
        // A dedicated thread, not the pool: a busy pool could start it after the send below.
        var blocked = new Thread(() =>
        {
            entering.Set();
            a.TryReceive(new byte[8], out _);
            receiveReturned = clock.Elapsed;
        });
        blocked.Start();
        Assert.True(entering.Wait(Limit));
        // The send must start while the receive is in its call, not before it: wait until it is.
        EventWaits.WaitUntilInCall(a);
        await a.SendStringAsync("after the receive").AsTask().WaitAsync(Limit);
        TimeSpan sent = clock.Elapsed;
        Assert.True(blocked.Join(Limit));
        Assert.True(sent >= receiveReturned, $"the send completed at {sent.TotalMilliseconds} ms, inside the receive that ended at {receiveReturned.TotalMilliseconds} ms");
        Assert.Equal("after the receive", peer.ReceiveString());
    }

    [Fact]
    public void Two_threads_in_synchronous_calls_on_one_socket_are_refused_not_crashed()
    {
        var result = ChildProcess.RunTestHost("concurrent-sync-use", TimeSpan.FromSeconds(60));
        result.AssertSucceeded("two threads hammering one socket hung");
        Assert.Contains("refused: Send on ZmqSocket(Dealer) was refused: another thread is in Receive on the same socket", result.Output);
        var hammer = HammerLine().Match(result.Output);
        Assert.True(hammer.Success, result.Output);
        Assert.Equal(400_000, int.Parse(hammer.Groups[1].Value) + int.Parse(hammer.Groups[2].Value));
    }

    [GeneratedRegex(@"hammer: calls=(\d+) refusals=(\d+)")]
    private static partial Regex HammerLine();

    [Theory]
    [InlineData("")]
    [InlineData("cancellable")]
    public void An_await_that_parks_allocates_nothing_in_steady_state(string token)
    {
        var result = ChildProcess.RunTestHost("async-allocations", TimeSpan.FromSeconds(60), null, token);
        result.AssertSucceeded();
        var line = AllocationLine().Match(result.Output);
        Assert.True(line.Success, result.Output);
        int roundTrips = int.Parse(line.Groups[1].Value), parked = int.Parse(line.Groups[2].Value);
        long bytes = long.Parse(line.Groups[3].Value);
        Assert.True(parked >= roundTrips / 2, $"only {parked} of {roundTrips} receives parked: the test did not measure parked awaits");
        if (BuildFlavor.LibraryIsDebug)
        {
            // About 210 B per round trip measured here: the state machines (see BuildFlavor).
            // Bounded still, so a leak per await would show.
            Assert.True(bytes < 400L * roundTrips, $"{bytes} bytes over {roundTrips} parked round trips in a Debug build");
            return;
        }
        // Anything allocated per operation would be at least one 24-byte object per round trip;
        // less than a byte per round trip is the process's own background (thread pool, timers).
        Assert.True(bytes < roundTrips, $"{bytes} bytes over {roundTrips} parked round trips ({(double)bytes / roundTrips:F1} B each)");
    }

    [GeneratedRegex(@"roundtrips=(\d+) parked=(\d+) bytes=(\d+)")]
    private static partial Regex AllocationLine();

    [Theory]
    [InlineData("epoll", "")]
    [InlineData("poll", "")]
    [InlineData("epoll", "0")]
    public void Each_backend_survives_the_race_workloads(string backend, string spin)
    {
        // With spinning off (ZMQ_ASYNC_SPIN=0) every refused receive parks at once: the workloads
        // then stress the park path, whose frames the spin otherwise often catches first.
        var result = ChildProcess.RunTestHost("async-races", TimeSpan.FromSeconds(180),
            new Dictionary<string, string> { ["ZMQ_ASYNC_BACKEND"] = backend, ["ZMQ_ASYNC_SPIN"] = spin });
        result.AssertSucceeded($"the race workloads hung on the {backend} backend (ZMQ_ASYNC_SPIN='{spin}')");
        Assert.Contains($"backend={backend}", result.Output);
        Assert.EndsWith("ok", result.Output.TrimEnd());
    }
}
