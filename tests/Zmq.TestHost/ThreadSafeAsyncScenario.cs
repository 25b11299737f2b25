using System.Collections.Concurrent;

namespace Zmq.TestHost;

/// <summary>
/// Async on thread-safe draft sockets under races, in a child process so the suite can pick the
/// reactor's backend (ZMQ_ASYNC_BACKEND). The main workload shares one CLIENT between async
/// receivers, async senders and synchronous senders and receivers on other threads: the sync calls
/// consume the socket's commands, which is where a wake-up gets lost if a call's exit does not pass
/// readiness on to the parked operations. A stall (no reply for 10 s) is reported, not waited out.
/// </summary>
internal static class ThreadSafeAsyncScenario
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(10);

    public static async Task<int> Run(int rounds)
    {
        Console.WriteLine($"backend={ZmqLibrary.AsyncBackend} inline={ZmqLibrary.AsyncInlineCompletions}");
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                // Not inproc: two thread-safe sockets joined by inproc deadlock in libzmq 4.3.4 when both
                // are in calls at once (each call sends the other a command under its own lock; libzmq #3048).
                await SharedClient(round % 2 == 0 ? "ipc" : "tcp", perSender: 3_000);
            }
            await ManyParkedThenDispose();
            await CancelHalfOfTheParked();
            // The reactor serves every socket: it must never wait on a thread-safe socket's libzmq
            // mutex (a Bind resolving a host name holds it for seconds), so it queues their
            // ZMQ_EVENTS reads to the thread pool instead of making them (src/Zmq/Async/SocketAsyncContext.ThreadSafe.cs).
            int onReactor = SocketAsyncContext.SharedChecksOnReactor;
            Console.WriteLine($"readiness checks on the reactor thread: {onReactor}");
            if (onReactor != 0)
            {
                throw new AsyncWorkloadFailure($"{onReactor} thread-safe readiness checks ran on the reactor thread");
            }
        }
        catch (AsyncWorkloadFailure failure)
        {
            Console.WriteLine($"FAILED: {failure.Message}");
            return 1;
        }
        Console.WriteLine("ok");
        return 0;
    }

    /// <summary>Two async and two sync senders, four async receivers and one sync receiver on one CLIENT.</summary>
    private static async Task SharedClient(string transport, int perSender)
    {
        const int AsyncSenders = 2, SyncSenders = 2, AsyncReceivers = 4;
        int total = (AsyncSenders + SyncSenders) * perSender;
        using var context = new ZmqContext();
        using var server = context.CreateSocket(ZmqSocketType.Server);
        using var client = context.CreateSocket(ZmqSocketType.Client);
        server.Bind(transport == "ipc" ? $"ipc://{Path.Combine(Path.GetTempPath(), $"zmq-shared-{Guid.NewGuid():N}")}" : "tcp://127.0.0.1:*");
        client.Connect(server.LastEndpoint);
        server.ReceiveTimeout = TimeSpan.FromMilliseconds(100);
        using var done = new CancellationTokenSource();
        var echo = new Thread(() =>
        {
            Span<byte> frame = stackalloc byte[8];
            while (!done.IsCancellationRequested)
            {
                try
                {
                    int length = server.Receive(frame, out uint peer);
                    server.Send(frame[..length], peer);
                }
                catch (ZmqException e) when (e.Error == ZmqError.TryAgain)
                {
                }
                catch (Exception e) when (e is ZmqContextTerminatedException or ObjectDisposedException)
                {
                    return; // a failed run tears the context down under this thread
                }
            }
        }) { IsBackground = true };
        echo.Start();

        var seen = new ConcurrentDictionary<long, bool>();
        int received = 0, duplicates = 0;
        void Count(ReadOnlySpan<byte> frame)
        {
            if (!seen.TryAdd(BitConverter.ToInt64(frame), true))
            {
                Interlocked.Increment(ref duplicates);
            }
            if (Interlocked.Increment(ref received) == total)
            {
                done.Cancel();
            }
        }

        var receivers = Enumerable.Range(0, AsyncReceivers).Select(_ => Task.Run(async () =>
        {
            byte[] buffer = new byte[8];
            while (!done.IsCancellationRequested)
            {
                try
                {
                    await client.ReceiveAsync(buffer, done.Token);
                    Count(buffer);
                }
                catch (OperationCanceledException)
                {
                }
            }
        })).ToList();
        var asyncSenders = Enumerable.Range(0, AsyncSenders).Select(sender => Task.Run(async () =>
        {
            byte[] frame = new byte[8];
            for (int sequence = 0; sequence < perSender; sequence++)
            {
                BitConverter.TryWriteBytes(frame, ((long)sender << 32) | (uint)sequence);
                await client.SendAsync(frame);
            }
        })).ToList();
        var syncSenders = Enumerable.Range(AsyncSenders, SyncSenders).Select(sender => new Thread(() =>
        {
            Span<byte> frame = stackalloc byte[8];
            Span<byte> reply = stackalloc byte[8];
            try
            {
                for (int sequence = 0; sequence < perSender && !done.IsCancellationRequested; sequence++)
                {
                    BitConverter.TryWriteBytes(frame, ((long)sender << 32) | (uint)sequence);
                    client.Send(frame);
                    // Now and then a synchronous receive too: it takes a reply the async receivers
                    // would have had, and consumes the socket's commands in passing.
                    if (sequence % 7 == 0 && client.TryReceive(reply, out _, ZmqReceiveFlags.DontWait))
                    {
                        Count(reply);
                    }
                }
            }
            catch (Exception e) when (e is ZmqContextTerminatedException or ObjectDisposedException)
            {
                // a failed run tears the context down under this thread
            }
        }) { IsBackground = true }).ToList();
        syncSenders.ForEach(t => t.Start());

        int last = -1;
        var stalledSince = DateTime.UtcNow;
        while (!done.IsCancellationRequested)
        {
            await Task.Delay(50); // Progress-check interval of a stall detector.
            int now = Volatile.Read(ref received);
            if (now != last)
            {
                last = now;
                stalledSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - stalledSince > StallLimit)
            {
                throw new AsyncWorkloadFailure(
                    $"{transport}: stalled at {now} of {total} replies for {StallLimit.TotalSeconds} s: a lost wake-up");
            }
        }
        await Task.WhenAll(asyncSenders);
        await Task.WhenAll(receivers);
        syncSenders.ForEach(t => t.Join());
        echo.Join();
        if (duplicates != 0 || seen.Count != total)
        {
            throw new AsyncWorkloadFailure($"{transport}: {seen.Count} distinct of {total} replies, {duplicates} duplicates");
        }
        Console.WriteLine($"shared client over {transport}: {total} replies, none lost or repeated");
    }

    /// <summary>Sixteen receives parked on one DISH, then Dispose: every one fails with ObjectDisposedException.</summary>
    private static async Task ManyParkedThenDispose()
    {
        using var context = new ZmqContext();
        var dish = context.CreateSocket(ZmqSocketType.Dish);
        dish.Bind("udp://127.0.0.1:*");
        var pending = Enumerable.Range(0, 16).Select(_ => dish.ReceiveAddressedAsync(new byte[16]).AsTask()).ToList();
        await Task.Delay(100); // A window in which no receive may complete on a silent DISH (the check is that none does).
        if (pending.Any(t => t.IsCompleted))
        {
            throw new AsyncWorkloadFailure("a receive on a silent DISH completed");
        }
        dish.Dispose();
        foreach (var task in pending)
        {
            if (await Task.WhenAny(task, Task.Delay(StallLimit)) != task)
            {
                throw new AsyncWorkloadFailure("a receive parked on a disposed DISH never ended");
            }
            if (task.Exception?.InnerException is not ObjectDisposedException)
            {
                throw new AsyncWorkloadFailure($"a receive parked on a disposed DISH ended with {task.Status} {task.Exception?.InnerException?.GetType().Name}");
            }
        }
        Console.WriteLine("dispose: 16 parked receives failed with ObjectDisposedException");
    }

    /// <summary>Sixteen receives parked on one CLIENT, half cancelled, then eight replies: the other eight get one each.</summary>
    private static async Task CancelHalfOfTheParked()
    {
        using var context = new ZmqContext();
        using var server = context.CreateSocket(ZmqSocketType.Server);
        using var client = context.CreateSocket(ZmqSocketType.Client);
        server.Bind("tcp://127.0.0.1:*");
        client.Connect(server.LastEndpoint);
        client.Send("hello"u8);
        server.ReceiveTimeout = TimeSpan.FromSeconds(5);
        server.Receive(new byte[16], out uint peer);
        var cancels = Enumerable.Range(0, 8).Select(_ => new CancellationTokenSource()).ToList();
        var cancelled = cancels.Select(c => client.ReceiveAsync(new byte[16], c.Token).AsTask()).ToList();
        var kept = Enumerable.Range(0, 8).Select(_ => client.ReceiveAsync(new byte[16]).AsTask()).ToList();
        cancels.ForEach(c => c.Cancel());
        for (int i = 0; i < 8; i++)
        {
            server.Send("reply"u8, peer);
        }
        var all = Task.WhenAll(kept);
        if (await Task.WhenAny(all, Task.Delay(StallLimit)) != all)
        {
            throw new AsyncWorkloadFailure($"{kept.Count(t => t.IsCompleted)} of 8 kept receives completed after half were cancelled");
        }
        foreach (var task in cancelled)
        {
            if (await Task.WhenAny(task, Task.Delay(StallLimit)) != task || !task.IsCanceled)
            {
                throw new AsyncWorkloadFailure($"a cancelled receive ended {task.Status}, not cancelled");
            }
        }
        Console.WriteLine("cancel: 8 cancelled, 8 completed");
    }
}
