// Child-process scenarios for the test suite: anything that could hang the finalizer thread, abort
// the process or needs process-wide state (signals, the library resolver) runs here, so a failure
// fails one test instead of killing or stalling the test runner.
using System.Diagnostics;
using Zmq;
using Zmq.TestHost;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Zmq.TestHost <describe|eintr-retry|eintr-timeout|eintr-send|eintr-poll|linger-exit <default|infinite>|dispose-racing-calls <rounds>|multipart-cuts <cuts>|finalizer|dispose-context-first|fuzz <seconds> <seed>|soak <seconds>|zero-copy-throwing-callback|stream-receive <bind> <heartbeat ms> <idle ms>|stream-send <connect> <heartbeat ms> <count>>");
    return 2;
}

try
{
    switch (args[0])
    {
        case "describe":
            Console.WriteLine(ZmqLibrary.Describe());
            return 0;
        case "eintr-retry":
            return Scenarios.InterruptedReceiveIsRetried();
        case "eintr-timeout":
            return Scenarios.InterruptedReceiveKeepsItsTimeout();
        case "multipart-cuts":
            return Scenarios.MultipartMessagesAcrossConnectionCuts(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "dispose-racing-calls":
            return Scenarios.DisposeRacingCalls(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "linger-exit":
            return Scenarios.ExitWithAnUndeliverableMessage(args[1]);
        case "eintr-send":
            return Scenarios.InterruptedSendIsRetried();
        case "eintr-poll":
            return Scenarios.InterruptedPollIsRetried();
        case "finalizer":
            return Scenarios.FinalizersNeverBlock();
        case "dispose-context-first":
            return Scenarios.ContextDisposedBeforeItsSockets();
        case "zero-copy-throwing-callback":
            return Scenarios.ThrowingZeroCopyCallbackIsContained();
        case "stream-receive":
            return SequencedStream.Receive(args[1], Milliseconds(args[2]), Milliseconds(args[3]));
        case "stream-send":
            return SequencedStream.Send(args[1], Milliseconds(args[2]), long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        case "soak":
            return Soak.Run(TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)));
        case "fuzz":
            return Fuzzer.Run(TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
                int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        default:
            Console.Error.WriteLine($"unknown scenario '{args[0]}'");
            return 2;
    }
}
catch (DllNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}

static TimeSpan Milliseconds(string text) => TimeSpan.FromMilliseconds(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture));

namespace Zmq.TestHost
{
    internal static class Scenarios
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

        /// <summary>
        /// Streams [index][4 MiB][index] messages from PUSH to PULL over tcp while the PULL drops
        /// every connection (unbind, rebind) <paramref name="cuts"/> times. Every message received
        /// must be whole: three frames, the index at both ends. Prints how many were checked.
        /// </summary>
        public static int MultipartMessagesAcrossConnectionCuts(int cuts)
        {
            const int PayloadSize = 4 * 1024 * 1024;
            using var context = new ZmqContext();
            using var pull = context.CreateSocket(ZmqSocketType.Pull);
            pull.ReceiveTimeout = TimeSpan.FromSeconds(10);
            pull.Bind("tcp://127.0.0.1:*");
            string endpoint = pull.LastEndpoint;
            using var stop = new CancellationTokenSource();
            var sender = new Thread(() =>
            {
                using var push = context.CreateSocket(ZmqSocketType.Push);
                push.Linger = TimeSpan.Zero;
                push.SendHighWatermark = 4;
                push.SendTimeout = TimeSpan.FromMilliseconds(200);
                push.Connect(endpoint);
                byte[] payload = new byte[PayloadSize];
                for (long i = 0; !stop.IsCancellationRequested; i++)
                {
                    byte[] index = BitConverter.GetBytes(i);
                    push.TrySendMultipart([index, payload, index]);
                }
            });
            sender.Start();
            var frames = new List<byte[]>();
            int whole = 0;
            try
            {
                for (int cut = 0; cut <= cuts; cut++)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        if (!pull.TryReceiveMultipart(frames))
                        {
                            Console.WriteLine($"the stream stopped after {whole} messages");
                            return 1;
                        }
                        if (frames.Count != 3 || frames[1].Length != PayloadSize || !frames[0].AsSpan().SequenceEqual(frames[2]))
                        {
                            Console.WriteLine($"a broken message: {frames.Count} frames after {whole} whole ones");
                            return 1;
                        }
                        whole++;
                    }
                    if (cut < cuts)
                    {
                        pull.Unbind(endpoint);
                        while (true)
                        {
                            try
                            {
                                pull.Bind(endpoint);
                                break;
                            }
                            catch (ZmqException e) when (e.Error == ZmqError.AddressInUse)
                            {
                                Thread.Sleep(20); // The old listener closes asynchronously.
                            }
                        }
                    }
                }
            }
            finally
            {
                stop.Cancel();
                sender.Join();
            }
            Console.WriteLine($"whole messages: {whole}");
            return 0;
        }

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
                Thread.Sleep(round % 3);
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
                Thread.Sleep(1);
            }
            Thread.Sleep(200);
            for (int i = 0; i < 5; i++)
            {
                Signals.Interrupt(tid);
                Thread.Sleep(50);
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
                Thread.Sleep(1);
            }
            // Signal every 100 ms for 4 s: were the full timeout restarted after each EINTR, the
            // receive would only time out a second after the last signal.
            var storm = Stopwatch.StartNew();
            while (storm.ElapsedMilliseconds < 4000 && thread.IsAlive)
            {
                Signals.Interrupt(tid);
                Thread.Sleep(100);
            }
            thread.Join();
            Console.WriteLine($"received: {got}, elapsed ms: {elapsedMs}");
            return got == false ? 0 : 1;
        }

        /// <summary>
        /// A zero-copy release callback that throws, on this thread (dispose before sending) and on a
        /// libzmq I/O thread (after a tcp send): an exception escaping into native code would end the
        /// process here, which the parent test reports.
        /// </summary>
        public static int ThrowingZeroCopyCallbackIsContained()
        {
            int calls = 0;
            void Throw()
            {
                Interlocked.Increment(ref calls);
                throw new InvalidOperationException("user bug");
            }
            var unsent = ZmqMessage.CreateZeroCopy(new byte[8], Throw);
            unsent.Dispose();
            using var context = new ZmqContext();
            using var pull = context.CreateSocket(ZmqSocketType.Pull);
            using var push = context.CreateSocket(ZmqSocketType.Push);
            pull.ReceiveTimeout = TimeSpan.FromSeconds(10);
            pull.Bind("tcp://127.0.0.1:*");
            push.Connect(pull.LastEndpoint);
            var sent = ZmqMessage.CreateZeroCopy(new byte[100_000], Throw);
            push.Send(ref sent);
            using (var received = pull.ReceiveMessage())
            {
                Console.WriteLine($"received {received.Size} bytes");
            }
            SpinWait.SpinUntil(() => Volatile.Read(ref calls) == 2, TimeSpan.FromSeconds(10));
            Console.WriteLine($"callbacks run: {calls}");
            return calls == 2 ? 0 : 1;
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
}
