using System.Diagnostics;

namespace Zmq.TestHost;

/// <summary>
/// A parked awaited send on a classic socket while another thread runs a call from outside the
/// socket on it: a <see cref="ZmqPoller.Poll"/> (zmq_poll) or a steerable <see cref="ZmqProxy"/>
/// (zmq_proxy_steerable). Both read ZMQ_EVENTS for as long as they run, which consumes the ZMQ_FD
/// edge that the parked send waits for (the peer drained its pipe meanwhile), and which may run at
/// the same time as the reactor's own ZMQ_EVENTS read (two native calls at once on a socket that is
/// not thread-safe: a libzmq assertion abort). Each round: fill the DEALER to its high-water mark,
/// park a SendAsync, start the outside call, let the peer drain at a random moment, end the outside
/// call; the parked send must complete within <see cref="Deadline"/>.
/// </summary>
/// <remarks>Passes with exit 0 and a last line "ok"; a stall prints the round and exits 1; an abort kills the process.</remarks>
internal static class OutsideCallScenario
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static int Run(string kind, int rounds)
    {
        if (kind is not ("poll" or "proxy"))
        {
            Console.Error.WriteLine($"unknown outside call '{kind}': poll or proxy");
            return 2;
        }
        Console.WriteLine($"backend={ZmqLibrary.AsyncBackend} call={kind} rounds={rounds}");
        using var context = new ZmqContext();
        string name = $"inproc://outside-call-{Environment.ProcessId}";
        using var sender = context.CreateSocket(ZmqSocketType.Dealer);
        using var reader = context.CreateSocket(ZmqSocketType.Dealer);
        using var backend = context.CreateSocket(ZmqSocketType.Dealer);
        using var control = context.CreateSocket(ZmqSocketType.Pair);
        sender.Linger = reader.Linger = backend.Linger = control.Linger = TimeSpan.Zero;
        sender.SendHighWatermark = 1;
        reader.ReceiveHighWatermark = 1;
        reader.ReceiveTimeout = Deadline;
        sender.Bind(name);
        reader.Connect(name);
        control.Bind(name + "-control");
        using var controller = new ZmqProxyController(context, name + "-control");
        using var poller = new ZmqPoller();
        poller.Add(sender, ZmqPollEvents.In); // nothing ever arrives: the poll waits out its timeout

        using var go = new SemaphoreSlim(0);
        using var started = new SemaphoreSlim(0);
        using var ended = new SemaphoreSlim(0);
        Exception? outsideError = null;
        bool stop = false;
        var outside = new Thread(() =>
        {
            while (true)
            {
                go.Wait();
                if (Volatile.Read(ref stop))
                {
                    return;
                }
                started.Release();
                try
                {
                    if (kind == "poll")
                    {
                        poller.Poll(TimeSpan.FromMilliseconds(20));
                    }
                    else
                    {
                        ZmqProxy.RunSteerable(sender, backend, control);
                    }
                }
                catch (Exception e)
                {
                    outsideError = e;
                }
                ended.Release();
            }
        }) { IsBackground = true, Name = "outside-call" };
        outside.Start();

        var random = new Random(12345);
        byte[] frame = new byte[16];
        var buffer = new byte[64];
        int parkedRounds = 0;
        for (int round = 0; round < rounds; round++)
        {
            int filled = 0;
            while (sender.TrySend(frame, ZmqSendFlags.DontWait))
            {
                filled++;
            }
            ValueTask pending = sender.SendAsync(frame);
            if (!pending.IsCompleted)
            {
                parkedRounds++;
            }
            go.Release();
            if (!started.Wait(Deadline))
            {
                return Fail(round, "the outside call did not start");
            }
            // A random moment for the drain: before, during or after the outside call reads ZMQ_EVENTS.
            Thread.SpinWait(random.Next(0, 20_000));
            for (int i = 0; i < filled; i++)
            {
                reader.Receive(buffer); // ReceiveTimeout: a missing frame throws
            }
            if (kind == "proxy")
            {
                controller.Terminate();
            }
            var completion = pending.AsTask();
            if (!completion.Wait(Deadline))
            {
                return Fail(round, $"the parked send did not complete within {Deadline.TotalSeconds} s after the peer drained and the {kind} ended");
            }
            reader.Receive(buffer);
            if (!ended.Wait(Deadline))
            {
                return Fail(round, $"the {kind} did not return");
            }
            if (outsideError is not null)
            {
                return Fail(round, $"the {kind} threw {outsideError}");
            }
        }
        Volatile.Write(ref stop, true);
        go.Release();
        outside.Join();
        if (parkedRounds == 0)
        {
            // The scenario proves nothing unless sends really parked beside the outside call.
            return Fail(rounds, "no send ever parked: the scenario did not set up the race it is about");
        }
        Console.WriteLine($"parked rounds: {parkedRounds} of {rounds}, every parked send completed");
        Console.WriteLine("ok");
        return 0;
    }

    private static int Fail(int round, string what)
    {
        Console.WriteLine($"FAILED: round {round}: {what}");
        Console.Out.Flush();
        // Exit without disposing: a stalled socket may still be held by the outside call.
        Environment.Exit(1);
        return 1;
    }
}
