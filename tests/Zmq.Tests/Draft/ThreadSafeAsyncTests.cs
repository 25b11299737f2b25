using Zmq.Tests.Support;

namespace Zmq.Tests.Draft;

/// <summary>
/// async/await on thread-safe draft sockets: many operations pending at once on one socket, mixed
/// with synchronous calls from other threads, on both reactor backends; replies by routing id and
/// groups without allocation.
/// </summary>
public class ThreadSafeAsyncTests
{
    [Theory]
    [InlineData("epoll")]
    [InlineData("poll")]
    public void A_shared_client_loses_no_wake_up_under_mixed_sync_and_async_use(string backend)
    {
        if (!ZmqLibrary.Has("draft"))
        {
            using var probe = new ZmqContext();
            Assert.Throws<NotSupportedException>(() => probe.CreateSocket(ZmqSocketType.Client));
            return;
        }
        // Without the exit check of ExitShared this stalled in 6 of 6 runs (a lost wake-up).
        var result = ChildProcess.RunTestHostOnBackend("thread-safe-async", backend, TimeSpan.FromSeconds(120), "6");
        result.AssertSucceeded($"the thread-safe async workloads failed or hung on the {backend} backend");
        Assert.Contains($"backend={backend}", result.Output, StringComparison.Ordinal);
        Assert.Contains("none lost or repeated", result.Output, StringComparison.Ordinal);
        Assert.Contains("readiness checks on the reactor thread: 0", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_answers_each_async_client_by_its_routing_id()
    {
        if (!ZmqLibrary.Has("draft"))
        {
            return; // the types themselves are NotSupportedException there (DraftSocketTests)
        }
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Server);
        string endpoint = server.BindAny("tcp");
        var clients = Enumerable.Range(0, 4).Select(_ => context.CreateBounded(ZmqSocketType.Client)).ToList();
        try
        {
            clients.ForEach(c => c.Connect(endpoint));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var serving = Task.Run(async () =>
            {
                byte[] buffer = new byte[16];
                for (int i = 0; i < clients.Count * 10; i++)
                {
                    ZmqAddressedReceiveResult request = await server.ReceiveAddressedAsync(buffer, timeout.Token);
                    Assert.NotEqual(0u, request.RoutingId);
                    Assert.Equal(string.Empty, request.Group);
                    await server.SendAsync(buffer.AsMemory(0, request.Length), request.RoutingId, timeout.Token);
                }
            });
            var asking = clients.Select((client, index) => Task.Run(async () =>
            {
                byte[] reply = new byte[16];
                for (int i = 0; i < 10; i++)
                {
                    byte[] question = [(byte)index, (byte)i];
                    await client.SendAsync(question, cancellationToken: timeout.Token);
                    ZmqReceiveResult answer = await client.ReceiveAsync(reply, timeout.Token);
                    Assert.Equal(question, reply.AsSpan(0, answer.BytesWritten).ToArray());
                }
            })).ToList();
            await Task.WhenAll(asking.Append(serving));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public void A_routing_id_of_zero_is_refused_before_libzmq_sees_it()
    {
        if (!ZmqLibrary.Has("draft"))
        {
            return;
        }
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Server);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => server.SendAsync(new byte[1], 0u));
        Assert.Equal("routingId", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Send("x"u8, 0u));
    }

    [Fact]
    public async Task A_dish_gets_its_groups_asynchronously_and_a_known_group_costs_no_allocation()
    {
        if (!ZmqLibrary.Has("draft"))
        {
            return;
        }
        using var context = new ZmqContext();
        using var dish = context.CreateBounded(ZmqSocketType.Dish);
        using var radio = context.CreateBounded(ZmqSocketType.Radio);
        radio.Connect(dish.BindAny("tcp"));
        dish.Join("temp");
        dish.Join("load");
        byte[] buffer = new byte[16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = dish.ReceiveAddressedAsync(buffer, timeout.Token).AsTask();
        // Joins reach the radio asynchronously: publish until the parked receive completes.
        while (!first.IsCompleted && !timeout.IsCancellationRequested)
        {
            await radio.SendAsync("21.5"u8.ToArray(), "temp", timeout.Token);
            await Task.WhenAny(first, Task.Delay(20)); // Waits for the event itself, re-publishing every 20 ms.
        }
        ZmqAddressedReceiveResult received = await first;
        Assert.Equal("temp", received.Group);
        Assert.Equal(0u, received.RoutingId);
        Assert.Equal("21.5", System.Text.Encoding.UTF8.GetString(buffer, 0, received.Length));
        dish.ReceiveTimeout = TimeSpan.FromMilliseconds(100);
        Span<byte> drain = stackalloc byte[16];
        while (dish.TryReceive(drain, out _))
        {
        }

        // Steady state: the same groups again and again allocate nothing per message.
        dish.ReceiveTimeout = TimeSpan.FromSeconds(5);
        Span<byte> frame = stackalloc byte[16];
        radio.Send("x"u8, "temp");
        dish.Receive(frame, out string firstTemp);
        radio.Send("x"u8, "temp");
        dish.Receive(frame, out string secondTemp);
        Assert.Same(firstTemp, secondTemp);
        const int Messages = 2000;
        string? wrong = null;
        long allocated = AllocationProbe.Allocated(() =>
        {
            Span<byte> frame = stackalloc byte[16];
            for (int i = 0; i < Messages; i++)
            {
                radio.Send("x"u8, i % 2 == 0 ? "temp" : "load");
                dish.Receive(frame, out string group);
                if (group != (i % 2 == 0 ? "temp" : "load"))
                {
                    wrong ??= $"message {i} came in group '{group}'";
                }
            }
        });
        Assert.Null(wrong);
        Assert.True(allocated < Messages, $"{allocated} bytes for {Messages} sends and group receives");
    }
}
