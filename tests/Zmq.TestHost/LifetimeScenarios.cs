using System.Diagnostics;

namespace Zmq.TestHost;

/// <summary>Disposal orders, finalizers and lingering that could hang or abort a process.</summary>
internal static partial class Scenarios
{
    /// <summary>
    /// Round after round, disposes a socket from the main thread while another thread is inside
    /// a receive on it, with messages arriving at varied moments. The binding must never let
    /// <c>zmq_close</c> run under a call in flight (libzmq#3599 aborts then); the receiver must
    /// end with <see cref="ObjectDisposedException"/> and nothing else.
    /// </summary>
    public static int DisposeRacingCalls(int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            using var context = new ZmqContext();
            var pull = context.CreateSocket(ZmqSocketType.Pull);
            pull.ReceiveTimeout = TimeSpan.FromMilliseconds(5);
            pull.Bind("tcp://127.0.0.1:*");
            using var push = context.CreateSocket(ZmqSocketType.Push);
            push.Linger = TimeSpan.Zero;
            push.Connect(pull.LastEndpoint);
            Exception? unexpected = null;
            var receiver = new Thread(() =>
            {
                var buffer = new byte[64];
                try
                {
                    while (true)
                    {
                        pull.TryReceive(buffer, out _);
                    }
                }
                catch (ObjectDisposedException)
                {
                    // The expected end.
                }
                catch (Exception e)
                {
                    unexpected = e;
                }
            });
            receiver.Start();
            for (int i = 0; i < round % 20; i++)
            {
                push.TrySendString("in flight", ZmqSendFlags.DontWait);
            }
            Thread.Sleep(round % 3); // A deliberate 0-2 ms spread, so the dispose lands at varying points.
            pull.Dispose();
            if (!receiver.Join(TimeSpan.FromSeconds(10)) || unexpected is not null)
            {
                Console.WriteLine($"round {round}: {(unexpected is null ? "the receiver never ended" : unexpected.GetType().Name + ": " + unexpected.Message)}");
                return 1;
            }
        }
        Console.WriteLine($"rounds: {rounds}");
        return 0;
    }

    /// <summary>
    /// Leaves a message that can never be delivered and disposes everything, with the binding's
    /// default linger or with libzmq's own (infinite). Prints how long disposal took.
    /// </summary>
    public static int ExitWithAnUndeliverableMessage(string linger)
    {
        var clock = Stopwatch.StartNew();
        var context = new ZmqContext();
        if (linger == "infinite")
        {
            context.DefaultLinger = Timeout.InfiniteTimeSpan;
        }
        var push = context.CreateSocket(ZmqSocketType.Push);
        push.Connect("tcp://127.0.0.1:1"); // Nothing listens on port 1.
        push.SendString("undeliverable", ZmqSendFlags.DontWait);
        push.Dispose();
        context.Dispose();
        Console.WriteLine($"disposed after {clock.ElapsedMilliseconds} ms");
        return 0;
    }

    /// <summary>
    /// A context and a socket with a message queued for an unreachable peer, never disposed:
    /// finalizing them must not wait (libzmq's default linger would block zmq_ctx_term forever).
    /// </summary>
    public static int FinalizersNeverBlock()
    {
        Abandon();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine("finalizers done");
        return 0;

        static void Abandon()
        {
            var context = new ZmqContext { DefaultLinger = Timeout.InfiniteTimeSpan };
            var socket = context.CreateSocket(ZmqSocketType.Push);
            socket.Connect("tcp://127.0.0.1:1");
            socket.SendString("never delivered", ZmqSendFlags.DontWait);
        }
    }

    /// <summary>
    /// Starts refused because the socket already has a monitor (its peer table), many more than the
    /// context has socket slots. A refused start used to leave its reader's inproc connect pending on
    /// an endpoint nobody bound, a slot apiece: socket creation then failed (EMFILE), and the
    /// context's termination, which settles pending connects with sockets of its own, asserted
    /// ("Assertion failed: s (ctx.cpp:169)") and aborted the process.
    /// </summary>
    public static int RefusedMonitorStartsLeaveNoSocket()
    {
        using (var context = new ZmqContext { MaxSockets = 32 })
        {
            using var tracked = context.CreateSocket(ZmqSocketType.Dealer);
            _ = tracked.Peers;
            int refused = 0;
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    using var monitor = new ZmqMonitor(tracked);
                }
                catch (InvalidOperationException)
                {
                    refused++;
                }
            }
            using var after = context.CreateSocket(ZmqSocketType.Dealer);
            Console.WriteLine($"refused {refused}; a socket could still be created");
        }
        Console.WriteLine("context terminated");
        return 0;
    }

    /// <summary>
    /// Many abandoned contexts whose finalizers hand zmq_ctx_term to background threads, and the
    /// process exits right after: exit must not run libzmq's static destructors under a termination
    /// still in progress (ctx_t's destructor locks a static mutex: "Invalid argument (mutex.hpp)").
    /// </summary>
    public static int ExitWhileContextsTerminate(int contexts)
    {
        for (int i = 0; i < contexts; i++)
        {
            Abandon();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine("exiting");
        return 0;

        static void Abandon()
        {
            var context = new ZmqContext();
            var socket = context.CreateSocket(ZmqSocketType.Push);
            socket.Connect("tcp://127.0.0.1:1");
            socket.SendString("never delivered", ZmqSendFlags.DontWait);
        }
    }

    /// <summary>
    /// The context is disposed while a socket with an undeliverable message is still open, and the
    /// socket is only finalized: nothing may hang, and the process must exit.
    /// </summary>
    public static int ContextDisposedBeforeItsSockets()
    {
        var context = new ZmqContext();
        Leak(context);
        context.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine("disposed");
        return 0;

        static void Leak(ZmqContext context)
        {
            var socket = context.CreateSocket(ZmqSocketType.Push);
            socket.Linger = Timeout.InfiniteTimeSpan;
            socket.Connect("tcp://127.0.0.1:1");
            socket.SendString("never delivered", ZmqSendFlags.DontWait);
        }
    }
}
