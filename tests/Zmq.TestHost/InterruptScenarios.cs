using System.Diagnostics;

namespace Zmq.TestHost;

/// <summary>Signals delivered to a thread blocked in a libzmq call: the binding retries EINTR and keeps the timeout.</summary>
internal static partial class Scenarios
{
    /// <summary>A blocked receive hit by signals keeps waiting and gets the message sent afterwards.</summary>
    public static int InterruptedReceiveIsRetried()
    {
        using var context = new ZmqContext();
        using var receiver = context.CreateSocket(ZmqSocketType.Pair);
        using var sender = context.CreateSocket(ZmqSocketType.Pair);
        receiver.Bind("inproc://eintr");
        sender.Connect("inproc://eintr");
        receiver.ReceiveTimeout = TimeSpan.FromSeconds(20);

        string? received = null;
        int code = WhileSignalled(() => received = receiver.ReceiveString(), () => sender.SendString("after the signals"));
        Console.WriteLine($"received: {received}");
        return code == 0 && received == "after the signals" ? 0 : 1;
    }

    /// <summary>A send blocked for lack of a peer, hit by signals, completes once a peer connects.</summary>
    public static int InterruptedSendIsRetried()
    {
        using var context = new ZmqContext();
        using var sender = context.CreateSocket(ZmqSocketType.Push);
        using var receiver = context.CreateSocket(ZmqSocketType.Pull);
        sender.Bind("inproc://eintr-send");
        sender.SendTimeout = TimeSpan.FromSeconds(20);
        return WhileSignalled(() => sender.SendString("through the signals"), () =>
        {
            receiver.Connect("inproc://eintr-send");
            receiver.ReceiveTimeout = TimeSpan.FromSeconds(10);
            Console.WriteLine($"received: {receiver.ReceiveString()}");
        });
    }

    /// <summary>A poll waiting for input, hit by signals, reports the message that arrives afterwards.</summary>
    public static int InterruptedPollIsRetried()
    {
        using var context = new ZmqContext();
        using var receiver = context.CreateSocket(ZmqSocketType.Pull);
        using var sender = context.CreateSocket(ZmqSocketType.Push);
        receiver.Bind("inproc://eintr-poll");
        sender.Connect("inproc://eintr-poll");
        var poller = new ZmqPoller();
        poller.Add(receiver, ZmqPollEvents.In);
        int ready = -1;
        int code = WhileSignalled(() => ready = poller.Poll(TimeSpan.FromSeconds(20)), () => sender.SendString("wake up"));
        Console.WriteLine($"ready: {ready}, readable: {poller.IsReadable(0)}");
        return code == 0 && ready == 1 && poller.IsReadable(0) ? 0 : 1;
    }

    /// <summary>Signals arriving all the time must not extend a 1 s receive timeout indefinitely.</summary>
    public static int InterruptedReceiveKeepsItsTimeout()
    {
        using var context = new ZmqContext();
        using var receiver = context.CreateSocket(ZmqSocketType.Pull);
        receiver.Bind("inproc://eintr-timeout");
        receiver.ReceiveTimeout = TimeSpan.FromSeconds(1);

        Signals.InstallHarmlessHandler();
        int tid = 0;
        bool? got = null;
        long elapsedMs = 0;
        var thread = new Thread(() =>
        {
            Volatile.Write(ref tid, Signals.CurrentThreadId());
            var clock = Stopwatch.StartNew();
            got = receiver.TryReceive(new byte[16], out _);
            elapsedMs = clock.ElapsedMilliseconds;
        });
        thread.Start();
        while (Volatile.Read(ref tid) == 0)
        {
            Thread.Sleep(1); // Polling interval until the thread has published its id.
        }
        // Signal every 100 ms for 4 s: were the full timeout restarted after each EINTR, the
        // receive would only time out a second after the last signal.
        var storm = Stopwatch.StartNew();
        while (storm.ElapsedMilliseconds < 4000 && thread.IsAlive)
        {
            Signals.Interrupt(tid);
            Thread.Sleep(100); // Pacing of the signal storm the scenario is about.
        }
        thread.Join();
        Console.WriteLine($"received: {got}, elapsed ms: {elapsedMs}");
        return got == false ? 0 : 1;
    }

    /// <summary>
    /// A thread-safe socket (SERVER) shared by two receiving threads: one is hit by a signal storm,
    /// the other only waits. The EINTR handling of the first must not change the timeout the
    /// second's calls run with (they share the socket's ZMQ_RCVTIMEO), so every receive of the
    /// bystander lasts its full timeout. Prints the shortest wait of each thread.
    /// </summary>
    public static int InterruptedThreadSafeReceiveLeavesOtherCallersTimeouts()
    {
        using var context = new ZmqContext();
        using var server = context.CreateSocket(ZmqSocketType.Server);
        server.Bind("inproc://eintr-thread-safe");
        const int timeoutMs = 600;
        server.ReceiveTimeout = TimeSpan.FromMilliseconds(timeoutMs);

        Signals.InstallHarmlessHandler();
        int tid = 0;
        var stop = new ManualResetEventSlim();
        long signalledShortest = long.MaxValue, bystanderShortest = long.MaxValue;
        int signalledCalls = 0, bystanderCalls = 0;
        bool received = false;
        void Receive(ref long shortest, ref int calls)
        {
            var buffer = new byte[16];
            while (!stop.IsSet)
            {
                var clock = Stopwatch.StartNew();
                received |= server.TryReceive(buffer, out _);
                shortest = Math.Min(shortest, clock.ElapsedMilliseconds);
                calls++;
            }
        }
        var signalled = new Thread(() =>
        {
            Volatile.Write(ref tid, Signals.CurrentThreadId());
            Receive(ref signalledShortest, ref signalledCalls);
        });
        var bystander = new Thread(() => Receive(ref bystanderShortest, ref bystanderCalls));
        signalled.Start();
        bystander.Start();
        while (Volatile.Read(ref tid) == 0)
        {
            Thread.Sleep(1); // Polling interval until the thread has published its id.
        }
        // Signal every 10 ms for 4 s (the storm the scenario is about): several timeouts of both threads.
        var storm = Stopwatch.StartNew();
        while (storm.ElapsedMilliseconds < 4000)
        {
            Signals.Interrupt(tid);
            Thread.Sleep(10);
        }
        stop.Set();
        signalled.Join();
        bystander.Join();
        Console.WriteLine($"received: {received}; signalled calls: {signalledCalls}, shortest ms: {signalledShortest}; bystander calls: {bystanderCalls}, shortest ms: {bystanderShortest}; timeout now ms: {(int)server.ReceiveTimeout.TotalMilliseconds}");
        // A clock tick's slack below the timeout: libzmq measures it with its own clock.
        return !received && signalledShortest >= timeoutMs - 20 && bystanderShortest >= timeoutMs - 20 ? 0 : 1;
    }

    /// <summary>
    /// Runs <paramref name="blockingCall"/> on a thread, signals that thread five times while it
    /// waits, then runs <paramref name="release"/> so the call can complete. 0 when it did.
    /// </summary>
    private static int WhileSignalled(Action blockingCall, Action release)
    {
        Signals.InstallHarmlessHandler();
        int tid = 0;
        Exception? failure = null;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            Volatile.Write(ref tid, Signals.CurrentThreadId());
            failure = Record(blockingCall);
        });
        thread.Start();
        while (Volatile.Read(ref tid) == 0)
        {
            Thread.Sleep(1); // Polling interval until the thread has published its id.
        }
        // Let the thread get from publishing its id into the blocking call. Kept as a pause: a call
        // is not observable from outside it (a sleeping kernel state would also match a GC pause);
        // a signal that came early only lands before the call and the scenario still passes.
        Thread.Sleep(200);
        for (int i = 0; i < 5; i++)
        {
            Signals.Interrupt(tid);
            Thread.Sleep(50); // Pacing of the signals the scenario is about.
        }
        bool stillWaiting = thread.IsAlive;
        release();
        thread.Join();
        Console.WriteLine($"still waiting after the signals: {stillWaiting}; completed after {clock.ElapsedMilliseconds} ms");
        if (failure is not null)
        {
            Console.WriteLine($"call failed: {failure.GetType().Name}: {failure.Message}");
            return 1;
        }
        return stillWaiting ? 0 : 1;
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
