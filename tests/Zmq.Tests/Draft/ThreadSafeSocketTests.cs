using Zmq.Tests.Support;

namespace Zmq.Tests.Draft;

/// <summary>Thread-safe draft sockets take calls from many threads at once, with no lock of ours.</summary>
public class ThreadSafeSocketTests
{
    private const int Threads = 8;
    private const int PerThread = 2000;

    [Fact]
    public void Eight_threads_share_one_client_and_every_message_arrives_in_per_thread_order() => Watchdog.Run(() =>
    {
        if (!ZmqLibrary.Has("draft"))
        {
            using var probe = new ZmqContext();
            Assert.Throws<NotSupportedException>(() => probe.CreateSocket(ZmqSocketType.Client));
            return;
        }
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Server);
        using var client = context.CreateBounded(ZmqSocketType.Client);
        // tcp, not inproc: two thread-safe sockets joined by inproc can deadlock in libzmq 4.3.4 when
        // both are in calls at once (libzmq #3048), which is what this test does.
        client.Connect(server.BindAny("tcp"));
        // A receiver blocked on the shared socket the whole time: a classic socket's gate would make
        // every send below wait for it (or refuse); a thread-safe one must let them through.
        // It reads until it has the 10 echoes sent at the end; its timeout is only the deadline
        // (a short one ended the read before the 16,000 sends were through on a slow emulator).
        int echoes = 0;
        var echoReader = new Thread(() =>
        {
            Span<byte> buffer = stackalloc byte[16];
            while (Volatile.Read(ref echoes) < 10 && client.TryReceive(buffer, out _))
            {
                Interlocked.Increment(ref echoes);
            }
        });
        client.ReceiveTimeout = Watchdog.Default;
        echoReader.Start();
        using var start = new Barrier(Threads);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var senders = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            try
            {
                Span<byte> frame = stackalloc byte[8];
                start.SignalAndWait();
                for (int sequence = 0; sequence < PerThread; sequence++)
                {
                    BitConverter.TryWriteBytes(frame, thread);
                    BitConverter.TryWriteBytes(frame[4..], sequence);
                    client.Send(frame);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();
        senders.ForEach(t => t.Start());

        int[] next = new int[Threads];
        Span<byte> received = stackalloc byte[8];
        uint replyTo = 0;
        for (int i = 0; i < Threads * PerThread; i++)
        {
            Assert.True(failures.IsEmpty, $"a sender failed: {(failures.TryPeek(out var failure) ? failure : null)}");
            Assert.Equal(8, server.Receive(received, out replyTo));
            int thread = BitConverter.ToInt32(received);
            int sequence = BitConverter.ToInt32(received[4..]);
            Assert.True(sequence == next[thread], $"thread {thread}: got {sequence}, expected {next[thread]}");
            next[thread]++;
        }
        senders.ForEach(t => t.Join());
        Assert.All(next, count => Assert.Equal(PerThread, count));
        // And the blocked reader still works: the server's echoes reach it.
        for (int i = 0; i < 10; i++)
        {
            server.Send("echo"u8, replyTo);
        }
        echoReader.Join();
        Assert.Equal(10, echoes);
    });
}
