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
