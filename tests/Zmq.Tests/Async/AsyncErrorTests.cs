using System.Buffers;
using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// How an awaited operation fails: as the task-based pattern asks (and System.Net.Sockets does), an
/// error the operation meets once started, even at once, comes in the returned task; only a usage
/// error (a socket already disposed, a bad argument) is thrown by the call itself.
/// </summary>
public class AsyncErrorTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>A writer that refuses every write.</summary>
    private sealed class RefusingWriter : IBufferWriter<byte>
    {
        public void Advance(int count) => throw new InvalidOperationException("writer refused");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("writer refused");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("writer refused");
    }

    [Theory]
    [InlineData("receive")]
    [InlineData("receive-string")]
    [InlineData("send")]
    [InlineData("send-multipart")]
    public async Task An_operation_on_a_shut_down_context_returns_a_faulted_task(string operation)
    {
        using var pipe = new PushPullPipe();
        pipe.Context.Shutdown();
        ValueTask run = operation switch
        {
            "receive" => new ValueTask(pipe.Pull.ReceiveAsync(new byte[8]).AsTask()),
            "receive-string" => new ValueTask(pipe.Pull.ReceiveStringAsync().AsTask()),
            "send" => pipe.Push.SendAsync(new byte[8]),
            _ => pipe.Push.SendMultipartAsync([new byte[1], new byte[2]]),
        };
        Assert.True(run.IsCompleted, "the error was met at once");
        await Assert.ThrowsAsync<ZmqContextTerminatedException>(() => run.AsTask().WaitAsync(Limit));
    }

    [Fact]
    public async Task A_thread_safe_socket_on_a_shut_down_context_returns_a_faulted_task()
    {
        using var context = new ZmqContext();
        if (!ZmqLibrary.Has("draft"))
        {
            Assert.Throws<NotSupportedException>(() => context.CreateSocket(ZmqSocketType.Client));
            return;
        }
        using var client = context.CreateBounded(ZmqSocketType.Client);
        context.Shutdown();
        ValueTask<ZmqReceiveResult> receive = client.ReceiveAsync(new byte[8]);
        ValueTask send = client.SendAsync(new byte[8]);
        Assert.True(receive.IsCompleted && send.IsCompleted, "the errors were met at once");
        await Assert.ThrowsAsync<ZmqContextTerminatedException>(() => receive.AsTask().WaitAsync(Limit));
        await Assert.ThrowsAsync<ZmqContextTerminatedException>(() => send.AsTask().WaitAsync(Limit));
    }

    [Fact]
    public async Task A_writer_that_throws_on_a_queued_frame_faults_the_task_and_the_socket_goes_on()
    {
        using var pipe = new PushPullPipe();
        pipe.Push.Send("first"u8);
        EventWaits.Until(() => (pipe.Pull.Events & ZmqPollEvents.In) != 0, "the frame reached the pull socket");
        ValueTask<int> run = pipe.Pull.ReceiveMessageAsync(new RefusingWriter());
        Assert.True(run.IsFaulted, "the frame was there: the writer ran and threw in the call");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.AsTask());
        Assert.Equal("writer refused", error.Message);
        pipe.Push.Send("second"u8);
        Assert.Equal("second", await pipe.Pull.ReceiveStringAsync().AsTask().WaitAsync(Limit));
    }

    [Fact]
    public void A_call_on_a_disposed_socket_throws_at_once()
    {
        using var pipe = new PushPullPipe();
        pipe.Pull.Dispose();
        pipe.Push.Dispose();
        // Every awaitable entry point of a classic socket, as System.Net.Sockets.Socket's: the
        // disposal is the call's error, not a faulted task found later.
        var calls = new (string Name, Action Call)[]
        {
            ("ReceiveAsync", () => _ = pipe.Pull.ReceiveAsync(new byte[8])),
            ("ReceiveMessageAsync", () => _ = pipe.Pull.ReceiveMessageAsync(new System.Buffers.ArrayBufferWriter<byte>())),
            ("ReceiveStringAsync", () => _ = pipe.Pull.ReceiveStringAsync()),
            ("ReceiveMultipartAsync", () => _ = pipe.Pull.ReceiveMultipartAsync()),
            ("ReceiveMultipartStringsAsync", () => _ = pipe.Pull.ReceiveMultipartStringsAsync()),
            ("SendAsync", () => _ = pipe.Push.SendAsync(new byte[8])),
            ("SendStringAsync", () => _ = pipe.Push.SendStringAsync("text")),
            ("SendMultipartAsync", () => _ = pipe.Push.SendMultipartAsync([[1], [2]])),
            ("SendMultipartStringsAsync", () => _ = pipe.Push.SendMultipartStringsAsync(["a", "b"])),
        };
        foreach (var (name, call) in calls)
        {
            Exception? thrown = Record.Exception(call);
            Assert.True(thrown is ObjectDisposedException, $"{name} on a disposed socket: {thrown?.GetType().Name ?? "no exception in the call"}");
        }
    }
}
