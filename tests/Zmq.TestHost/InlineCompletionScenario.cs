using System.Diagnostics;
using Zmq;

namespace Zmq.TestHost;

/// <summary>
/// Where a parked operation's continuation runs, with the inline mode off (the thread pool) and on
/// (the reactor thread, holding no gate), in a child process since the mode is read once per
/// process (ZMQ_ASYNC_INLINE_COMPLETIONS). Checks: the continuation's thread; that the woken
/// socket's gate is free there (a synchronous call on it works); in the inline mode, that a
/// continuation which throws is reported and the reactor goes on; and a ping-pong of awaited
/// round trips between two sockets of this process that loses nothing.
/// </summary>
internal static class InlineCompletionScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task<int> Run(bool expectInline, int roundTrips)
    {
        Console.WriteLine($"backend={ZmqLibrary.AsyncBackend} inline={ZmqLibrary.AsyncInlineCompletions}");
        try
        {
            if (ZmqLibrary.AsyncInlineCompletions != expectInline)
            {
                throw new AsyncWorkloadFailure($"ZmqLibrary.AsyncInlineCompletions is {ZmqLibrary.AsyncInlineCompletions}, expected {expectInline}");
            }
            using var context = new ZmqContext();
            await ContinuationThread(context, expectInline);
            if (expectInline)
            {
                await ThrowingContinuationIsContained(context);
            }
            await PingPong(context, roundTrips);
        }
        catch (AsyncWorkloadFailure failure)
        {
            Console.WriteLine($"FAILED: {failure.Message}");
            return 1;
        }
        Console.WriteLine("ok");
        return 0;
    }

    private static (ZmqSocket Bound, ZmqSocket Connected) Pair(ZmqContext context, string name)
    {
        var bound = context.CreateSocket(ZmqSocketType.Pair);
        var connected = context.CreateSocket(ZmqSocketType.Pair);
        bound.Linger = connected.Linger = TimeSpan.Zero;
        bound.ReceiveTimeout = connected.ReceiveTimeout = Limit;
        bound.Bind($"inproc://inline-{name}-{Environment.ProcessId}");
        connected.Connect(bound.LastEndpoint);
        return (bound, connected);
    }

    /// <summary>Waits until the receive has parked (the reactor then completes it, not the caller).</summary>
    private static void WaitParked(ValueTask<ZmqReceiveResult> receive, int parkedBefore)
    {
        var clock = Stopwatch.StartNew();
        var spinner = new SpinWait();
        while (!receive.IsCompleted && ZmqReactor.Instance.ParkedCount <= parkedBefore)
        {
            if (clock.Elapsed > Limit)
            {
                throw new AsyncWorkloadFailure("the receive never parked");
            }
            spinner.SpinOnce(sleep1Threshold: 20); // yields, then sleeps: no core burnt on a slow machine
        }
        if (receive.IsCompleted)
        {
            throw new AsyncWorkloadFailure("the receive completed before anything was sent");
        }
    }

    private static async Task ContinuationThread(ZmqContext context, bool expectInline)
    {
        var (a, b) = Pair(context, "thread");
        using (a)
        using (b)
        {
            var buffer = new byte[16];
            int parked = ZmqReactor.Instance.ParkedCount;
            ValueTask<ZmqReceiveResult> receive = a.ReceiveAsync(buffer);
            WaitParked(receive, parked);
            // The continuation is registered (the await below finds the receive pending) before the
            // send that completes it, so it runs where the engine signals it, never inline here.
            Task<(string Thread, bool OnReactor, bool OnPool, bool GateHeld, bool SentBack, int Bytes)> continued = Continue(a, receive);
            b.Send("ping"u8);
            var (thread, onReactor, onPool, gateHeld, sentBack, bytes) = await continued.WaitAsync(Limit).ConfigureAwait(false);
            Console.WriteLine($"continuation thread={thread} gate-held={gateHeld} sync-send={sentBack}");
            if (bytes != 4)
            {
                throw new AsyncWorkloadFailure($"received {bytes} bytes, expected 4");
            }
            if (expectInline ? !onReactor : !onPool)
            {
                throw new AsyncWorkloadFailure($"the continuation ran on {thread}, expected {(expectInline ? "the reactor thread" : "a thread-pool thread")}");
            }
            // Only the inline mode promises the gate is free when the continuation starts: by default
            // a pool thread may run it while the reactor is still leaving the gate (a synchronous
            // call then waits the engine's non-blocking hold out, so the send below still succeeds).
            if ((expectInline && gateHeld) || !sentBack)
            {
                throw new AsyncWorkloadFailure("the continuation ran with the woken socket's gate held: a synchronous call on it was refused or blocked");
            }
            if (!b.TryReceive(buffer, out _, ZmqReceiveFlags.None))
            {
                throw new AsyncWorkloadFailure("the reply sent from the continuation never arrived");
            }
        }
    }

    /// <summary>Awaits the parked receive; then, in its continuation, notes the thread and makes a synchronous call on the woken socket.</summary>
    private static async Task<(string Thread, bool OnReactor, bool OnPool, bool GateHeld, bool SentBack, int Bytes)> Continue(ZmqSocket socket, ValueTask<ZmqReceiveResult> receive)
    {
        ZmqReceiveResult result = await receive.ConfigureAwait(false);
        Thread current = Thread.CurrentThread;
        string thread = current.Name ?? (current.IsThreadPoolThread ? "(thread pool)" : "(unnamed)");
        bool gateHeld = socket.IsGateHeld;
        bool sentBack = socket.TrySend("pong"u8, ZmqSendFlags.DontWait);
        return (thread, current.Name == "zmq-reactor", current.IsThreadPoolThread, gateHeld, sentBack, result.BytesWritten);
    }

    /// <summary>A continuation (not an async method's) that throws on the reactor: reported, and the next parked operation still completes.</summary>
    private static async Task ThrowingContinuationIsContained(ZmqContext context)
    {
        var (a, b) = Pair(context, "throwing");
        using (a)
        using (b)
        {
            var reported = new TaskCompletionSource<ZmqDiagnosticEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            EventHandler<ZmqDiagnosticEventArgs> handler = (_, e) =>
            {
                if (e.Exception is InvalidProgramException)
                {
                    reported.TrySetResult(e);
                }
            };
            ZmqDiagnostics.Event += handler;
            try
            {
                var buffer = new byte[16];
                int parked = ZmqReactor.Instance.ParkedCount;
                ValueTask<ZmqReceiveResult> receive = a.ReceiveAsync(buffer);
                WaitParked(receive, parked);
                receive.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => throw new InvalidProgramException("injected: a continuation that throws"));
                b.Send("one"u8);
                if (await Task.WhenAny(reported.Task, Task.Delay(Limit)).ConfigureAwait(false) != reported.Task)
                {
                    throw new AsyncWorkloadFailure("the throwing continuation was never reported through ZmqDiagnostics");
                }
                Console.WriteLine($"reported: {reported.Task.Result.Category}: {reported.Task.Result.Message}");
                ZmqReceiveResult first = receive.Result; // completed: its continuation ran (and threw)
                if (first.BytesWritten != 3)
                {
                    throw new AsyncWorkloadFailure($"the first receive got {first.BytesWritten} bytes, expected 3");
                }
                parked = ZmqReactor.Instance.ParkedCount;
                ValueTask<ZmqReceiveResult> second = a.ReceiveAsync(buffer);
                WaitParked(second, parked);
                b.Send("two"u8);
                Task<ZmqReceiveResult> next = second.AsTask();
                if (await Task.WhenAny(next, Task.Delay(Limit)).ConfigureAwait(false) != next || next.Result.BytesWritten != 3)
                {
                    throw new AsyncWorkloadFailure("after a continuation threw, the next parked receive never completed: the reactor stopped");
                }
            }
            finally
            {
                ZmqDiagnostics.Event -= handler;
            }
        }
    }

    /// <summary>Both sides awaited in this process: every round trip's payload comes back in order.</summary>
    private static async Task PingPong(ZmqContext context, int roundTrips)
    {
        var (a, b) = Pair(context, "pingpong");
        using (a)
        using (b)
        using (var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            CancellationToken token = watchdog.Token;
            Task echo = Task.Run(async () =>
            {
                var buffer = new byte[8];
                for (int i = 0; i < roundTrips; i++)
                {
                    ZmqReceiveResult got = await b.ReceiveAsync(buffer, token).ConfigureAwait(false);
                    await b.SendAsync(buffer.AsMemory(0, got.BytesWritten), ZmqSendFlags.None, token).ConfigureAwait(false);
                }
            });
            var sent = new byte[8];
            var received = new byte[8];
            int done = 0;
            try
            {
                for (; done < roundTrips; done++)
                {
                    BitConverter.TryWriteBytes(sent, (long)done);
                    await a.SendAsync(sent, ZmqSendFlags.None, token).ConfigureAwait(false);
                    ZmqReceiveResult reply = await a.ReceiveAsync(received, token).ConfigureAwait(false);
                    if (reply.BytesWritten != 8 || BitConverter.ToInt64(received) != done)
                    {
                        throw new AsyncWorkloadFailure($"round trip {done} came back as {BitConverter.ToInt64(received)} ({reply.BytesWritten} bytes)");
                    }
                }
                await echo.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new AsyncWorkloadFailure($"the ping-pong stalled: {done} of {roundTrips} round trips in 60 s");
            }
            Console.WriteLine($"ping-pong: {roundTrips} round trips, none lost or out of order");
        }
    }
}
