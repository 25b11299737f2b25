using System.Net.Sockets;
using Zmq;

namespace Zmq.TestHost;

/// <summary>
/// Faults injected into the async engine's paths that must not throw or leak, in a quiet child
/// process (the reactor's backend is picked once per process, and the registration count is
/// process-wide): a failed reactor registration (epoll_ctl) and a failed wake-up of the poll
/// backend, which runs while a socket's gate is held. After each, the gate must be free, nothing
/// left registered, and the socket usable, async included.
/// </summary>
internal static class ReleaseFaultScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async Task<int> Run()
    {
        Console.WriteLine($"backend={ZmqLibrary.AsyncBackend}");
        try
        {
            using var context = new ZmqContext();
            await FailedRegistration(context);
            if (ZmqLibrary.AsyncBackend == "poll")
            {
                await FailedWake(context);
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

    private static (ZmqSocket, ZmqSocket) Pair(ZmqContext context, string name)
    {
        var a = context.CreateSocket(ZmqSocketType.Pair);
        var b = context.CreateSocket(ZmqSocketType.Pair);
        a.Linger = b.Linger = TimeSpan.Zero;
        b.ReceiveTimeout = Limit;
        a.Bind($"inproc://release-fault-{name}-{Environment.ProcessId}");
        b.Connect(a.LastEndpoint);
        return (a, b);
    }

    /// <summary>The backend refuses the descriptor: the await fails with that error, and leaves no slot, no held gate.</summary>
    private static async Task FailedRegistration(ZmqContext context)
    {
        var (a, b) = Pair(context, "register");
        using (a)
        using (b)
        {
            int before = ZmqReactor.Instance.RegisteredCount;
            var injected = new IOException("injected: epoll_ctl(ADD) failed");
            ZmqReactor.AddFault = readiness => readiness.Context.Socket == a ? injected : null;
            Exception? thrown = null;
            ValueTask<ZmqReceiveResult> receive;
            try
            {
                receive = a.ReceiveAsync(new byte[8]);
            }
            catch (Exception e)
            {
                throw new AsyncWorkloadFailure($"the failed registration was thrown by the call ({e.GetType().Name}), not returned in its task");
            }
            finally
            {
                ZmqReactor.AddFault = null;
            }
            try
            {
                await receive.AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (Exception e)
            {
                thrown = e;
            }
            if (thrown != injected)
            {
                throw new AsyncWorkloadFailure($"the failed registration surfaced as {thrown?.GetType().Name ?? "nothing"}, not the backend's error");
            }
            if (ZmqReactor.Instance.RegisteredCount != before)
            {
                throw new AsyncWorkloadFailure($"a failed registration left a slot: {ZmqReactor.Instance.RegisteredCount} registered, {before} before");
            }
            ExpectGateFree(a, b, "after the failed registration");
            await ExpectAsyncWorks(a, b, "after the failed registration");
            if (ZmqReactor.Instance.RegisteredCount != before + 1)
            {
                throw new AsyncWorkloadFailure($"the retried registration: {ZmqReactor.Instance.RegisteredCount} registered, {before + 1} expected");
            }
        }
        Console.WriteLine("register fault: error surfaced, no slot left, gate free, socket usable");
    }

    /// <summary>The poll backend's wake datagram fails (WSAENOBUFS, say) while a release holds the gate.</summary>
    /// <remarks>
    /// The first park of a socket re-arms its descriptor, which wakes the loop, unless a wake is
    /// still pending from before (the loop had not drained it yet): then no datagram is sent and
    /// the fault cannot land. Such a round proves nothing and is repeated with a fresh pair.
    /// </remarks>
    private static async Task FailedWake(ZmqContext context)
    {
        for (int round = 0; round < 20; round++)
        {
            if (await FailedWakeRound(context, round))
            {
                return;
            }
        }
        throw new AsyncWorkloadFailure("in 20 rounds no wake-up was attempted: the fault was never injected");
    }

    private static async Task<bool> FailedWakeRound(ZmqContext context, int round)
    {
        var (a, b) = Pair(context, $"wake-{round}");
        using (a)
        using (b)
        {
            int faults = 3, injected = 0;
            PollBackend.WakeFault = () =>
            {
                if (Interlocked.Decrement(ref faults) >= 0)
                {
                    Interlocked.Increment(ref injected);
                    throw new SocketException((int)SocketError.NoBufferSpaceAvailable);
                }
            };
            try
            {
                ValueTask<ZmqReceiveResult> receive;
                try
                {
                    receive = a.ReceiveAsync(new byte[8]);
                }
                catch (Exception e)
                {
                    throw new AsyncWorkloadFailure($"a failed wake-up escaped the release: {e.GetType().Name}: {e.Message}");
                }
                if (receive.IsCompleted)
                {
                    throw new AsyncWorkloadFailure("the receive completed with nothing sent");
                }
                ExpectGateFree(a, b, "after a failed wake-up");
                bool landed = Volatile.Read(ref injected) > 0;
                b.Send("late"u8);
                var completed = receive.AsTask();
                if (await Task.WhenAny(completed, Task.Delay(Limit)) != completed)
                {
                    throw new AsyncWorkloadFailure($"the parked receive never completed after {injected} failed wake-ups");
                }
                await completed;
                if (!landed)
                {
                    return false;
                }
            }
            finally
            {
                PollBackend.WakeFault = null;
            }
            await ExpectAsyncWorks(a, b, "after failed wake-ups");
            Console.WriteLine($"wake fault: {injected} failed wake-ups retried, gate free, socket usable");
            return true;
        }
    }

    /// <summary>A synchronous call goes through: nobody holds the gate.</summary>
    private static void ExpectGateFree(ZmqSocket a, ZmqSocket b, string when)
    {
        try
        {
            a.Send("ping"u8);
        }
        catch (InvalidOperationException e)
        {
            throw new AsyncWorkloadFailure($"{when} the gate is still held: {e.Message}");
        }
        if (!b.TryReceive(new byte[8], out _))
        {
            throw new AsyncWorkloadFailure($"{when} a frame sent synchronously never arrived");
        }
    }

    private static async Task ExpectAsyncWorks(ZmqSocket a, ZmqSocket b, string when)
    {
        var receive = a.ReceiveAsync(new byte[8]).AsTask();
        b.Send("pong"u8);
        if (await Task.WhenAny(receive, Task.Delay(Limit)) != receive)
        {
            throw new AsyncWorkloadFailure($"{when} an awaited receive never completed");
        }
        await receive;
    }
}
