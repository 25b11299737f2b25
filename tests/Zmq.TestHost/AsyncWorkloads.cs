using System.Diagnostics;

namespace Zmq.TestHost;

/// <summary>
/// The async engine's race workloads, shared by the xunit suite (in-process, default backend) and
/// the <c>async-races</c> scenario here (a child process, any backend chosen by ZMQ_ASYNC_BACKEND).
/// Each throws <see cref="AsyncWorkloadFailure"/> with the counts when something is lost or stalls.
/// </summary>
public static class AsyncWorkloads
{
    /// <summary>How long no progress at all counts as a hang.</summary>
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(10);

    private static int s_inprocCounter;

    private static string Endpoint(string transport) => transport == "tcp"
        ? "tcp://127.0.0.1:*"
        : $"inproc://async-workload-{Environment.ProcessId}-{Interlocked.Increment(ref s_inprocCounter)}";

    /// <summary>A socket that never lingers: a workload ends by disposing everything at once.</summary>
    private static ZmqSocket Socket(ZmqContext context, ZmqSocketType type)
    {
        var socket = context.CreateSocket(type);
        socket.Linger = TimeSpan.Zero;
        return socket;
    }

    /// <summary>A PUSH connected to a PULL bound on <paramref name="transport"/>; disposing it closes both.</summary>
    private sealed class Pipe : IDisposable
    {
        public Pipe(ZmqContext context, string transport)
        {
            Push = Socket(context, ZmqSocketType.Push);
            Pull = Socket(context, ZmqSocketType.Pull);
            Pull.Bind(Endpoint(transport));
            Push.Connect(Pull.LastEndpoint);
        }

        public ZmqSocket Push { get; }

        public ZmqSocket Pull { get; }

        public void Dispose()
        {
            Push.Dispose();
            Pull.Dispose();
        }
    }

    /// <summary>
    /// Two DEALERs with high-water marks of 100; on each socket one task sends <paramref name="frames"/>
    /// numbered frames while another receives and checks them: both directions of one socket at once.
    /// </summary>
    public static async Task FullDuplex(string transport, int rounds, int frames)
    {
        for (int round = 0; round < rounds; round++)
        {
            using var context = new ZmqContext();
            using var a = CreateDealer(context);
            using var b = CreateDealer(context);
            b.Bind(Endpoint(transport));
            a.Connect(b.LastEndpoint);
            var counts = new long[4]; // a sent, a received, b sent, b received
            Task[] loops =
            [
                Task.Run(() => SendNumbered(a, frames, counts, 0)),
                Task.Run(() => ReceiveNumbered(a, frames, counts, 1)),
                Task.Run(() => SendNumbered(b, frames, counts, 2)),
                Task.Run(() => ReceiveNumbered(b, frames, counts, 3)),
            ];
            await WaitWithProgress(Task.WhenAll(loops), counts,
                () => $"{transport} round {round + 1}/{rounds}: a sent {counts[0]:N0}, received {counts[1]:N0}; b sent {counts[2]:N0}, received {counts[3]:N0} of {frames:N0}");
        }
    }

    private static ZmqSocket CreateDealer(ZmqContext context)
    {
        var socket = Socket(context, ZmqSocketType.Dealer);
        socket.SendHighWatermark = 100;
        socket.ReceiveHighWatermark = 100;
        return socket;
    }

    private static async Task SendNumbered(ZmqSocket socket, int frames, long[] counts, int slot)
    {
        byte[] frame = new byte[8];
        for (int i = 0; i < frames; i++)
        {
            BitConverter.TryWriteBytes(frame, (long)i);
            await socket.SendAsync(frame);
            Volatile.Write(ref counts[slot], i + 1);
        }
    }

    private static async Task ReceiveNumbered(ZmqSocket socket, int frames, long[] counts, int slot)
    {
        byte[] buffer = new byte[8];
        for (int i = 0; i < frames; i++)
        {
            await socket.ReceiveAsync(buffer);
            long number = BitConverter.ToInt64(buffer);
            if (number != i)
            {
                throw new AsyncWorkloadFailure($"frame {number} arrived where {i} was due");
            }
            Volatile.Write(ref counts[slot], i + 1);
        }
    }

    /// <summary>Waits for <paramref name="work"/>, failing once the counters stop moving for <see cref="Stall"/>.</summary>
    private static async Task WaitWithProgress(Task work, long[] counts, Func<string> describe)
    {
        long last = -1;
        var sinceProgress = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(200)); // Waits for the work itself; wakes every 200 ms to check progress.
            long now = counts.Sum();
            if (now != last)
            {
                last = now;
                sinceProgress.Restart();
            }
            else if (sinceProgress.Elapsed > Stall)
            {
                throw new AsyncWorkloadFailure($"stalled for {Stall.TotalSeconds} s: {describe()}");
            }
        }
        await work;
    }

    /// <summary>What a race workload counted.</summary>
    public readonly record struct RaceCounts(int Races, int Completed, int Ended);

    /// <summary>
    /// <paramref name="races"/> receives, each cancelled from another thread after a random spin while
    /// a frame is sometimes sent: each receive must complete or be cancelled, and every frame sent
    /// must arrive exactly once, in order (a cancelled receive consumed nothing).
    /// </summary>
    public static async Task<RaceCounts> CancelRaces(int races, int seed)
    {
        using var context = new ZmqContext();
        using var pipe = new Pipe(context, "inproc");
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        var random = new Random(seed);
        byte[] buffer = new byte[8];
        int sent = 0, received = 0, cancelled = 0;
        for (int i = 0; i < races; i++)
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
                push.Send(BitConverter.GetBytes(sent));
                sent++;
            }
            try
            {
                await receiving.AsTask().WaitAsync(Stall);
                ExpectFrame(buffer, received++);
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
            catch (TimeoutException)
            {
                throw new AsyncWorkloadFailure($"race {i}: the receive neither completed nor was cancelled (a lost wake-up)");
            }
            await canceller;
        }
        int completed = received;
        while (received < sent)
        {
            await pull.ReceiveAsync(buffer).AsTask().WaitAsync(Stall);
            ExpectFrame(buffer, received++);
        }
        if (pull.TryReceive(buffer, out _, ZmqReceiveFlags.DontWait))
        {
            throw new AsyncWorkloadFailure("a frame arrived twice");
        }
        return new RaceCounts(races, completed, cancelled);
    }

    private static void ExpectFrame(byte[] buffer, int expected)
    {
        int number = BitConverter.ToInt32(buffer);
        if (number != expected)
        {
            throw new AsyncWorkloadFailure($"frame {number} arrived where {expected} was due: a frame was lost or duplicated");
        }
    }

    /// <summary>
    /// <paramref name="races"/> sockets, each with a parked receive, disposed from another thread after
    /// a random spin while a frame is sometimes sent: each receive must complete or fail with
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public static async Task<RaceCounts> DisposeRaces(int races, int seed)
    {
        using var context = new ZmqContext { MaxSockets = 4096 };
        using var push = Socket(context, ZmqSocketType.Push);
        push.Bind(Endpoint("inproc"));
        string endpoint = push.LastEndpoint;
        var random = new Random(seed);
        int disposed = 0, completed = 0;
        for (int i = 0; i < races; i++)
        {
            var pull = Socket(context, ZmqSocketType.Pull);
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
                throw new AsyncWorkloadFailure($"race {i}: the receive neither completed nor failed after its socket was disposed");
            }
            await disposer;
        }
        return new RaceCounts(races, completed, disposed);
    }

    /// <summary>A fresh receive parks, then completes when its frame arrives: the reactor is alive.</summary>
    public static async Task ParkedReceiveCompletes()
    {
        using var context = new ZmqContext();
        using var pipe = new Pipe(context, "tcp");
        var receiving = pipe.Pull.ReceiveStringAsync().AsTask();
        await Task.Delay(20); // A window in which nothing may complete the receive (the check is that nothing does).
        if (receiving.IsCompleted)
        {
            throw new AsyncWorkloadFailure("a receive completed before anything was sent");
        }
        pipe.Push.SendString("still alive");
        try
        {
            string text = await receiving.WaitAsync(Stall);
            if (text != "still alive")
            {
                throw new AsyncWorkloadFailure($"received '{text}'");
            }
        }
        catch (TimeoutException)
        {
            throw new AsyncWorkloadFailure("the async engine is wedged: a parked receive did not complete although its frame was sent");
        }
    }
}

/// <summary>A race workload lost something or stalled; the message has the counts.</summary>
public sealed class AsyncWorkloadFailure(string message) : Exception(message);
