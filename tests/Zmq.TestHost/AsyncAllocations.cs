namespace Zmq.TestHost;

/// <summary>
/// Bytes allocated per awaited round trip whose receives park, measured process-wide in a quiet
/// child process (the test runner's other threads would blur a process-wide count).
/// </summary>
public static class AsyncAllocations
{
    private const int Warmup = 5_000, RoundTrips = 20_000, Windows = 3;

    /// <summary>Prints <c>roundtrips=N parked=P bytes=B</c> for the best of three windows.</summary>
    public static async Task<int> Run(bool cancellable)
    {
        using var context = new ZmqContext();
        using var client = context.CreateSocket(ZmqSocketType.Pair);
        using var server = context.CreateSocket(ZmqSocketType.Pair);
        client.Linger = server.Linger = TimeSpan.Zero;
        server.Bind($"inproc://async-allocations-{Environment.ProcessId}");
        client.Connect(server.LastEndpoint);
        using var cancel = new CancellationTokenSource();
        CancellationToken token = cancellable ? cancel.Token : CancellationToken.None;
        var echo = Task.Run(() => Echo(server, Warmup + (Windows * RoundTrips), token));

        byte[] buffer = new byte[8];
        await Ping(client, buffer, Warmup, token);
        long best = long.MaxValue;
        int parkedAtBest = 0;
        for (int window = 0; window < Windows; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            int parked = await Ping(client, buffer, RoundTrips, token);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (allocated < best)
            {
                best = allocated;
                parkedAtBest = parked;
            }
        }
        await echo;
        Console.WriteLine($"roundtrips={RoundTrips} parked={parkedAtBest} bytes={best}");
        return 0;
    }

    /// <summary>Sends and awaits the echo <paramref name="count"/> times; returns how many receives parked.</summary>
    /// <remarks>
    /// The receive starts before its request is sent (a pending receive beside a pending send is
    /// allowed on a classic socket), so no reply can be there yet and it parks every time. Receiving
    /// after the send left it to the scheduler: on two busy cores the echo often answered first and
    /// as few as a third of the receives parked.
    /// </remarks>
    private static async Task<int> Ping(ZmqSocket socket, byte[] buffer, int count, CancellationToken token)
    {
        byte[] request = new byte[buffer.Length];
        int parked = 0;
        for (int i = 0; i < count; i++)
        {
            ValueTask<ZmqReceiveResult> reply = socket.ReceiveAsync(buffer, token);
            if (!reply.IsCompleted)
            {
                parked++;
            }
            await socket.SendAsync(request, cancellationToken: token);
            await reply;
        }
        return parked;
    }

    private static async Task Echo(ZmqSocket socket, int count, CancellationToken token)
    {
        byte[] buffer = new byte[8];
        for (int i = 0; i < count; i++)
        {
            await socket.ReceiveAsync(buffer, token);
            await socket.SendAsync(buffer, cancellationToken: token);
        }
    }
}
