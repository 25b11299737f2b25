using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

/// <summary>
/// Who owns a message's bytes: a send that would block leaves the message whole for a retry, a
/// send that succeeds takes it exactly once, and received data never aliases a buffer that a later
/// receive reuses (catalogue C05, P11).
/// </summary>
public class OwnershipTests
{
    [Fact]
    public void Copies_of_a_message_share_it_and_the_first_dispose_ends_it_for_all()
    {
        var small = new ZmqMessage("hi"u8);
        var smallCopy = small;
        Assert.True(smallCopy.Data.SequenceEqual("hi"u8)); // a small frame's bytes do not move with the copy
        small.Dispose();
        Assert.False(smallCopy.IsInitialized);
        Assert.True(smallCopy.Data.IsEmpty);
        bool refused = false;
        try
        {
            smallCopy.GetWritableSpan();
        }
        catch (ObjectDisposedException)
        {
            refused = true;
        }
        Assert.True(refused, "a copy of a disposed message handed out its bytes");
        smallCopy.Dispose(); // harmless: nothing closed twice

        var large = new ZmqMessage(1_000);
        var largeCopy = large;
        largeCopy.Dispose();
        Assert.Equal(0, large.Size);
        large.Dispose();
    }

    [Fact]
    public void Disposing_copies_of_large_frames_never_double_frees()
    {
        // glibc aborts on a double free under MALLOC_CHECK_=3: in a child process.
        var result = ChildProcess.RunTestHost("message-copies", TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["MALLOC_CHECK_"] = "3" });
        result.AssertSucceeded();
        Assert.Contains("copies closed once: 2000 rounds", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_send_that_would_block_leaves_the_message_intact_for_a_resend() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Bind(Endpoints.Inproc()); // No peer yet: every send would block.
        var message = new ZmqMessage("keep me"u8);
        try
        {
            Assert.False(push.TrySend(ref message, ZmqSendFlags.DontWait));
            Assert.True(message.IsInitialized);
            Assert.Equal("keep me"u8.ToArray(), message.Data.ToArray());

            using var pull = context.CreateBounded(ZmqSocketType.Pull);
            pull.Connect(push.LastEndpoint);
            Assert.True(push.TrySend(ref message));
            Assert.False(message.IsInitialized); // Ownership went to libzmq, once.
            Assert.Equal("keep me", pull.ReceiveString());
        }
        finally
        {
            message.Dispose(); // A no-op after the send; must not release the bytes twice.
        }
    });

    [Fact]
    public void Received_data_is_never_overwritten_by_later_receives() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Connect(pull.BindAny("tcp"));
        byte[] payload = new byte[4096];
        for (int i = 0; i < 4; i++)
        {
            Array.Fill(payload, (byte)('a' + i));
            push.Send(payload); // The same managed buffer, refilled: each send copied it.
        }
        using ZmqMessage first = pull.ReceiveMessage();
        using ZmqMessage second = pull.ReceiveMessage();
        List<byte[]> rest = [pull.ReceiveMultipart()[0], pull.ReceiveMultipart()[0]];
        Assert.True(first.Data.ToArray().All(b => b == 'a'), "the first message changed after later receives");
        Assert.True(second.Data.ToArray().All(b => b == 'b'));
        Assert.True(rest[0].All(b => b == 'c'));
        Assert.True(rest[1].All(b => b == 'd'));
    });

    [Fact]
    public void A_receive_that_throws_leaves_a_message_it_set_up_uninitialized_and_an_existing_one_owned() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        pull.Bind(Endpoints.Inproc());
        context.Shutdown(); // every receive now fails with ETERM

        var fresh = default(ZmqMessage);
        Assert.True(ThrowsTerminated(pull, ref fresh));
        Assert.False(fresh.IsInitialized); // set up by the call, taken back when it threw: nothing to dispose

        var existing = new ZmqMessage("still mine"u8);
        try
        {
            Assert.True(ThrowsTerminated(pull, ref existing));
            Assert.True(existing.IsInitialized); // the caller's message stays the caller's
            Assert.True(existing.Data.SequenceEqual("still mine"u8));
        }
        finally
        {
            existing.Dispose();
        }

        Assert.Throws<ZmqContextTerminatedException>(() => pull.ReceiveMessage());
    });

    private static bool ThrowsTerminated(ZmqSocket socket, ref ZmqMessage message)
    {
        try
        {
            socket.TryReceiveMessage(ref message);
            return false;
        }
        catch (ZmqContextTerminatedException)
        {
            return true;
        }
    }
}
