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
}
