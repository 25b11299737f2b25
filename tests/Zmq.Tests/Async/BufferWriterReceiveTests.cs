using System.Buffers;
using System.Collections.Concurrent;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// ReceiveMessageAsync(IBufferWriter): the writer is user code, so it runs after the socket's gate is
/// released (it may call into the socket), yet in the receive's turn (pending receives write in the
/// order they started). Before: the writer ran under the gate; a writer reading a socket option
/// waited for the gate's holder, itself, for ever.
/// </summary>
public class BufferWriterReceiveTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>A writer that runs a probe when the frame is first written to it.</summary>
    private sealed class ProbingWriter(Action probe) : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _inner = new();
        private bool _probed;

        public ReadOnlyMemory<byte> WrittenMemory => _inner.WrittenMemory;

        public void Advance(int count) => _inner.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Probe();
            return _inner.GetMemory(sizeHint);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Probe();
            return _inner.GetSpan(sizeHint);
        }

        private void Probe()
        {
            if (!_probed)
            {
                _probed = true;
                probe();
            }
        }
    }

    [Theory]
    [InlineData("queued")] // the frame is there: the fast path completes at once
    [InlineData("parked")] // the receive waits, then completes on the reactor's wake
    public async Task The_writer_runs_outside_the_gate_and_may_call_into_the_socket(string when)
    {
        using var pipe = new PushPullPipe();
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        pull.ReceiveHighWatermark = 123;
        bool? gateHeld = null;
        int watermark = 0;
        var writer = new ProbingWriter(() =>
        {
            gateHeld = pull.IsGateHeld;
            if (gateHeld == false)
            {
                watermark = pull.ReceiveHighWatermark; // under the gate this would wait for ever
            }
        });
        if (when == "queued")
        {
            push.Send("frame"u8);
            EventWaits.Until(() => (pull.Events & ZmqPollEvents.In) != 0, "the frame reached the pull socket");
        }
        Task<int> receiving = pull.ReceiveMessageAsync(writer).AsTask();
        if (when == "parked")
        {
            Assert.False(receiving.IsCompleted, "nothing was sent yet");
            push.Send("frame"u8);
        }
        Assert.Equal(5, await receiving.WaitAsync(Limit));
        Assert.Equal("frame"u8.ToArray(), writer.WrittenMemory.ToArray());
        Assert.False(gateHeld ?? true, $"the writer ran with the socket's gate held ({when}): it could not call into the socket");
        Assert.Equal(123, watermark);
    }

    [Fact]
    public async Task Pending_receives_write_in_the_order_they_started()
    {
        using var pipe = new PushPullPipe();
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        const int Pending = 4;
        int sequence = 0;
        for (int round = 0; round < 200; round++)
        {
            var written = new ConcurrentQueue<int>();
            var receives = new Task<int>[Pending];
            for (int i = 0; i < Pending; i++)
            {
                int started = i;
                // Each writer yields the thread before its write lands: a receive behind it that
                // finished first would show up first.
                receives[i] = pull.ReceiveMessageAsync(new ProbingWriter(() =>
                {
                    Thread.Yield();
                    written.Enqueue(started);
                })).AsTask();
            }
            for (int i = 0; i < Pending; i++)
            {
                push.Send(BitConverter.GetBytes(sequence++));
            }
            await Task.WhenAll(receives).WaitAsync(Limit);
            Assert.Equal(Enumerable.Range(0, Pending), written.ToArray());
        }
    }

    [Fact]
    public async Task A_throwing_writer_fails_its_receive_and_the_next_receive_gets_the_next_frame()
    {
        using var pipe = new PushPullPipe();
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        var failure = new InvalidOperationException("writer refused");
        Task<int> failing = pull.ReceiveMessageAsync(new ProbingWriter(() => throw failure)).AsTask();
        var next = new ArrayBufferWriter<byte>();
        Task<int> following = pull.ReceiveMessageAsync(next).AsTask();
        push.Send("first"u8);
        push.Send("second!"u8);
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Limit)));
        Assert.Equal(7, await following.WaitAsync(Limit));
        Assert.Equal("second!"u8.ToArray(), next.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("writes", "queued")] // the fast path's second step
    [InlineData("throws", "queued")]
    [InlineData("writes", "parked")] // the step after a wait (the woken head)
    [InlineData("throws", "parked")]
    public async Task The_received_frame_is_released_whatever_the_writer_does(string writer, string when)
    {
        // Declared first, disposed last: a frame still queued when a failing test closes the
        // sockets is released then, and its callback must find the semaphore alive.
        using var released = new SemaphoreSlim(0);
        using var pipe = new PushPullPipe();
        ZmqSocket push = pipe.Push, pull = pipe.Pull;
        void SendZeroCopyFrame()
        {
            // A zero-copy frame crosses inproc by reference: its release callback runs once the
            // receiving side closes the native message, so a frame the engine kept would never report.
            using var frame = ZmqMessage.CreateZeroCopy(new byte[4096], () => released.Release());
            var copy = frame;
            push.Send(ref copy);
        }
        if (when == "queued")
        {
            SendZeroCopyFrame();
            EventWaits.Until(() => (pull.Events & ZmqPollEvents.In) != 0, "the frame reached the pull socket");
        }
        Func<Task<int>> receive = async () => await pull.ReceiveMessageAsync(new ProbingWriter(() =>
        {
            if (writer == "throws")
            {
                throw new InvalidOperationException("writer refused");
            }
        })).AsTask().WaitAsync(Limit);
        Task<int> receiving = receive();
        if (when == "parked")
        {
            Assert.False(receiving.IsCompleted, "nothing was sent yet");
            SendZeroCopyFrame();
        }
        if (writer == "throws")
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => receiving);
        }
        else
        {
            Assert.Equal(4096, await receiving);
        }
        Assert.True(await released.WaitAsync(Limit), $"the frame was never released (writer {writer}, {when})");
    }
}
