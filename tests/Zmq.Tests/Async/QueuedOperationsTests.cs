using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// Any number of pending asynchronous operations per direction on a classic socket, run one at a
/// time in FIFO order (Async/OperationQueue.cs): a service awaits SendAsync from every handler on one
/// DEALER or PUB without a lock of its own. Before this, a second pending operation of a direction
/// was refused with InvalidOperationException ("Another asynchronous send is already pending").
/// </summary>
public class QueuedOperationsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // Before: "FAILED: a sender failed: InvalidOperationException: Another asynchronous send is
    // already pending" on every combination, at the first contended send.
    [Theory]
    [InlineData("dealer", "inproc")]
    [InlineData("dealer", "tcp")]
    [InlineData("push", "inproc")]
    [InlineData("push", "tcp")]
    public void Sixty_four_concurrent_senders_deliver_every_message_once_and_whole(string pattern, string transport)
    {
        var result = ChildProcess.RunTestHost("concurrent-senders", TimeSpan.FromSeconds(180), null, pattern, transport);
        result.AssertSucceeded($"the concurrent senders ({pattern}, {transport}) hung");
        Assert.Contains("each once and whole", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_receives_complete_in_the_order_they_were_started()
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("inproc"));
        var receives = Enumerable.Range(0, 5).Select(_ => pull.ReceiveStringAsync().AsTask()).ToArray();
        Assert.All(receives, r => Assert.False(r.IsCompleted));
        for (int i = 0; i < receives.Length; i++)
        {
            push.SendString($"m{i}");
        }
        string[] got = await Task.WhenAll(receives).WaitAsync(Limit);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"m{i}"), got);
    }

    [Fact]
    public async Task A_queued_send_cancelled_behind_the_head_completes_cancelled_and_the_others_keep_their_order()
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        string endpoint = pull.BindAny("inproc");
        // No peer yet: a PUSH send waits (EAGAIN), so the first send parks and the rest queue.
        var head = push.SendStringAsync("first").AsTask();
        using var cancel = new CancellationTokenSource();
        var cancelled = push.SendStringAsync("second", cancellationToken: cancel.Token).AsTask();
        var third = push.SendStringAsync("third").AsTask();
        Assert.False(head.IsCompleted);
        Assert.False(cancelled.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Limit));
        Assert.False(head.IsCompleted);
        Assert.False(third.IsCompleted);
        push.Connect(endpoint);
        await Task.WhenAll(head, third).WaitAsync(Limit);
        pull.ReceiveTimeout = Limit;
        Assert.Equal("first", pull.ReceiveString());
        Assert.Equal("third", pull.ReceiveString());
        Assert.False(pull.TryReceiveString(out _, ZmqReceiveFlags.DontWait));
    }

    [Fact]
    public async Task Dispose_fails_the_head_and_every_queued_operation_once_with_ObjectDisposedException()
    {
        using var context = new ZmqContext();
        var push = context.CreateBounded(ZmqSocketType.Push);
        // No peer at all: a PUSH send waits (EAGAIN); a connect, even to an unbound inproc name, would queue.
        var sends = Enumerable.Range(0, 4).Select(i => push.SendStringAsync($"m{i}").AsTask()).ToArray();
        var pull = context.CreateBounded(ZmqSocketType.Pull);
        var receives = Enumerable.Range(0, 3).Select(_ => pull.ReceiveStringAsync().AsTask()).ToArray();
        Assert.All(sends, s => Assert.False(s.IsCompleted));
        Assert.All(receives, r => Assert.False(r.IsCompleted));
        push.Dispose();
        pull.Dispose();
        foreach (Task pending in sends.Concat<Task>(receives))
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(Limit));
        }
        // Later calls fail at once, queued on nothing.
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await push.SendStringAsync("late"));
    }
}
