using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

public class DisposeTests
{
    [Fact]
    public void Socket_then_context_dispose_works() => Watchdog.Run(() =>
    {
        var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Push);
        socket.Dispose();
        context.Dispose();
        Assert.True(socket.IsDisposed);
    });

    [Fact]
    public void Context_before_socket_dispose_works_and_the_socket_stays_safe() => Watchdog.Run(() =>
    {
        var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pull);
        socket.Bind(Endpoints.Inproc());
        context.Dispose();
        // The context is shut down: the open socket reports ETERM instead of crashing.
        Assert.Throws<ZmqContextTerminatedException>(() => socket.Receive(new byte[1]));
        socket.Dispose();
        Assert.Throws<ObjectDisposedException>(() => socket.Receive(new byte[1]));
    });

    [Fact]
    public void Double_dispose_is_harmless()
    {
        var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pair);
        socket.Dispose();
        socket.Dispose();
        context.Dispose();
        context.Dispose();
    }

    [Fact]
    public void Every_call_after_dispose_is_ObjectDisposedException()
    {
        var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pair);
        socket.Dispose();
        Assert.Throws<ObjectDisposedException>(() => socket.Bind(Endpoints.Inproc()));
        Assert.Throws<ObjectDisposedException>(() => socket.Connect(Endpoints.Inproc()));
        Assert.Throws<ObjectDisposedException>(() => socket.Send("x"u8));
        Assert.Throws<ObjectDisposedException>(() => socket.TryReceive(new byte[1], out _));
        Assert.Throws<ObjectDisposedException>(() => socket.ReceiveMessage().Dispose());
        Assert.Throws<ObjectDisposedException>(() => socket.SendString("x"));
        Assert.Throws<ObjectDisposedException>(() => socket.Linger);
        Assert.Throws<ObjectDisposedException>(() => socket.LastEndpoint);
        Assert.Throws<ObjectDisposedException>(() => socket.Subscribe("x"));
        context.Dispose();
        Assert.Throws<ObjectDisposedException>(() => context.CreateSocket(ZmqSocketType.Pair));
        Assert.Throws<ObjectDisposedException>(() => context.IoThreads);
        Assert.Throws<ObjectDisposedException>(() => context.Shutdown());
    }

    [Fact]
    public void Socket_keeps_the_context_handle_alive_until_it_closes()
    {
        var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pair);
        context.Dispose();
        Assert.False(context.Handle.IsInvalid);
        bool terminated = false;
        context.Terminated += () => terminated = true;
        Assert.False(terminated, "zmq_ctx_term must wait for the open socket");
        socket.Dispose();
        SpinWait.SpinUntil(() => Volatile.Read(ref terminated), TimeSpan.FromSeconds(10));
        Assert.True(terminated, "closing the last socket terminated the context");
    }

    [Fact]
    public void Dispose_from_another_thread_does_not_crash_a_call_in_flight() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        var socket = context.CreateSocket(ZmqSocketType.Pull);
        socket.Bind(Endpoints.Inproc());
        socket.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
        Exception? failure = null;
        var receiver = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    socket.TryReceive(new byte[8], out _);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        receiver.Start();
        EventWaits.WaitUntilInCall(socket);
        socket.Dispose();
        Assert.True(receiver.Join(TimeSpan.FromSeconds(10)));
        Assert.IsType<ObjectDisposedException>(failure);
    });

    [Fact]
    public void Shutdown_releases_a_thread_blocked_in_receive() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Pull);
        socket.Bind(Endpoints.Inproc());
        Exception? failure = null;
        var receiver = new Thread(() =>
        {
            try
            {
                socket.Receive(new byte[8]); // No timeout: only Shutdown can end it.
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        receiver.Start();
        EventWaits.WaitUntilInCall(socket);
        context.Shutdown();
        Assert.True(receiver.Join(TimeSpan.FromSeconds(10)), "Shutdown released the blocked receive");
        var terminated = Assert.IsType<ZmqContextTerminatedException>(failure);
        Assert.Equal(ZmqError.ContextTerminated, terminated.Error);
    });

    [Fact]
    public void No_socket_can_be_created_after_shutdown()
    {
        using var context = new ZmqContext();
        context.Shutdown();
        Assert.Throws<ZmqContextTerminatedException>(() => context.CreateSocket(ZmqSocketType.Pair));
    }

    [Fact]
    public void Default_dispose_does_not_hang_forever_on_an_unreachable_peer() => Watchdog.Run(TimeSpan.FromSeconds(60), () =>
    {
        var context = new ZmqContext { DefaultLinger = TimeSpan.FromMilliseconds(300) };
        var socket = context.CreateSocket(ZmqSocketType.Push);
        socket.Connect("tcp://127.0.0.1:1"); // Nothing listens on port 1.
        socket.SendString("undeliverable", ZmqSendFlags.DontWait);
        socket.Dispose();
        context.Dispose(); // Returns after the linger; libzmq's default (-1) would block forever.
    });

    [Fact]
    public void An_undeliverable_message_delays_exit_by_the_default_linger_only_and_forever_when_opted_in()
    {
        // In child processes: the opt-in case is meant to hang, and is ended by PID at the deadline.
        var bounded = ChildProcess.RunTestHost("linger-exit", TimeSpan.FromSeconds(30), null, "default");
        Assert.False(bounded.TimedOut, "disposal with the default linger never returned");
        long elapsed = long.Parse(bounded.Output.Split("disposed after ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(elapsed, 9_000, 20_000); // ZmqContext's documented 10 s DefaultLinger, not forever.
        var forever = ChildProcess.RunTestHost("linger-exit", TimeSpan.FromSeconds(3), null, "infinite");
        Assert.True(forever.TimedOut, $"libzmq's infinite linger did not block as documented: {forever.Output}");
    }

    [Fact]
    public void Default_linger_is_finite_and_documented()
    {
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Push);
        Assert.Equal(TimeSpan.FromSeconds(10), context.DefaultLinger);
        Assert.Equal(context.DefaultLinger, socket.Linger);
    }

    [Fact]
    public void Orderly_dispose_delivers_every_queued_message_to_a_reachable_peer() => Watchdog.Run(() =>
    {
        // The NetMQ failure mode: dispose right after sending large messages drops the tail.
        const int Count = 200;
        byte[] payload = new byte[65536];
        using var receiverContext = new ZmqContext();
        using var pull = receiverContext.CreateBounded(ZmqSocketType.Pull);
        pull.ReceiveHighWatermark = 0;
        string endpoint = pull.BindAny("tcp");

        var senderContext = new ZmqContext();
        var push = senderContext.CreateSocket(ZmqSocketType.Push);
        push.SendHighWatermark = 0;
        push.Connect(endpoint);
        for (int i = 0; i < Count; i++)
        {
            payload[0] = (byte)i;
            push.Send(payload);
        }
        push.Dispose();
        senderContext.Dispose(); // Waits (up to the default linger) until everything went out.

        var buffer = new byte[65536];
        for (int i = 0; i < Count; i++)
        {
            var result = pull.Receive(buffer);
            Assert.Equal(65536, result.FrameLength);
            Assert.Equal((byte)i, buffer[0]);
        }
    });

    [Fact]
    public void Finalizers_never_block_even_with_infinite_linger()
    {
        var result = ChildProcess.RunTestHost("finalizer", TimeSpan.FromSeconds(60));
        result.AssertSucceeded("the finalizer thread blocked");
        Assert.Contains("finalizers done", result.Output, StringComparison.Ordinal);
    }

    // Process exit while finalized contexts are still terminating on background threads: libzmq's
    // static destructors ran under zmq_ctx_term and it aborted ("Invalid argument (mutex.hpp:136)"),
    // about 1 process in 50 with 200 contexts (seen once in a clean-clone run of the finalizer test).
    // Ten processes a run catch a regression in about one run of six (1 - 0.98^10); the flake hunt
    // and CI repeat it. Before the fix 2 of 110 processes aborted, after it 0 of 200.
    // Under an emulator (the portable subset) fewer and smaller: 200 contexts are 400 libzmq threads,
    // about 20 s of a core per process under wine, so ten of them beside the qemu run took the
    // child past its limit; there the test proves that exit with terminating contexts never hangs,
    // and the native runs (both libraries, every CI run) keep the count that catches the abort.
    [Fact]
    public void Exit_while_finalized_contexts_terminate_never_aborts()
    {
        int processes = ChildProcess.UnderEmulator ? 3 : 10;
        string contexts = ChildProcess.UnderEmulator ? "50" : "200";
        for (int run = 0; run < processes; run++)
        {
            var result = ChildProcess.RunTestHost("exit-while-terminating", TimeSpan.FromSeconds(60), null, contexts);
            result.AssertSucceeded("exiting hung");
            Assert.Contains("exiting", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Context_disposed_before_a_leaked_socket_never_hangs_the_process()
    {
        var result = ChildProcess.RunTestHost("dispose-context-first", TimeSpan.FromSeconds(60));
        result.AssertSucceeded("disposing the context or exiting hung");
    }
}
