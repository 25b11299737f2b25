using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

public class MessageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(33)] // The largest frame libzmq stores inside zmq_msg_t itself.
    [InlineData(34)]
    [InlineData(65536)]
    [InlineData(1 << 20)]
    public void ReceiveMessage_reads_frames_of_any_size_without_copying(int size) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("inproc"));
        byte[] payload = new byte[size];
        Random.Shared.NextBytes(payload);
        a.Send(payload);

        using var message = b.ReceiveMessage();
        Assert.Equal(size, message.Size);
        Assert.True(message.Data.SequenceEqual(payload));
        Assert.False(message.HasMore);
    });

    [Fact]
    public void The_writable_span_is_only_reachable_through_the_message_itself_never_a_hidden_copy()
    {
        // An instance method would compile on an `in` parameter and run on a defensive copy; an
        // extension on `ref` does not compile there at all.
        Assert.Null(typeof(ZmqMessage).GetMethod("GetWritableSpan"));
        var method = typeof(ZmqMessageExtensions).GetMethod(nameof(ZmqMessageExtensions.GetWritableSpan))!;
        var target = method.GetParameters()[0];
        Assert.True(target.ParameterType.IsByRef && !target.IsIn, "GetWritableSpan takes the message by plain ref");
        var message = new ZmqMessage(40);
        try
        {
            message.GetWritableSpan().Fill(7);
            Assert.All(message.Data.ToArray(), b => Assert.Equal(7, b));
        }
        finally
        {
            message.Dispose();
        }
    }

    [Fact]
    public void Receive_into_a_small_buffer_reports_truncation_instead_of_hiding_it()
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("inproc"));
        a.Send("0123456789"u8);
        Span<byte> buffer = stackalloc byte[4];
        var result = b.Receive(buffer);
        Assert.True(result.Truncated);
        Assert.Equal(4, result.BytesWritten);
        Assert.Equal(10, result.FrameLength);
        Assert.Equal("0123", Encoding.ASCII.GetString(buffer));

        a.Send("0123"u8);
        result = b.Receive(buffer);
        Assert.False(result.Truncated);
        Assert.Equal(4, result.BytesWritten);
    }

    [Fact]
    public void Message_dispose_is_idempotent_and_a_disposed_message_reads_empty()
    {
        var message = new ZmqMessage("hello"u8);
        Assert.Equal(5, message.Size);
        message.Dispose();
        message.Dispose();
        Assert.False(message.IsInitialized);
        Assert.Equal(0, message.Size);
        Assert.True(message.Data.IsEmpty);
        Assert.False(message.HasMore);
        bool threw = false;
        try
        {
            message.GetWritableSpan();
        }
        catch (ObjectDisposedException)
        {
            threw = true;
        }
        Assert.True(threw);
    }

    [Fact]
    public void A_built_message_is_sent_without_a_copy_and_left_empty() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("inproc"));
        var message = new ZmqMessage(3);
        "abc"u8.CopyTo(message.GetWritableSpan());
        a.Send(ref message);
        Assert.Equal(0, message.Size);
        message.Dispose();
        Assert.Equal("abc", b.ReceiveString());
    });

    [Fact]
    public void A_reused_message_receives_frame_after_frame_and_reports_more() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("inproc"));
        a.SendMultipart("one", "two", "three");
        var message = new ZmqMessage();
        var frames = new List<string>();
        do
        {
            b.ReceiveMessage(ref message);
            frames.Add(message.ToUtf8String());
            Assert.Equal(message.HasMore, b.HasMore);
        }
        while (message.HasMore);
        message.Dispose();
        Assert.Equal(["one", "two", "three"], frames);
    });

    [Fact]
    public void Received_messages_expose_metadata() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("tcp"));
        a.SendString("x");
        using var message = b.ReceiveMessage();
        Assert.Equal("PAIR", message.GetMetadata("Socket-Type"));
        Assert.Equal("127.0.0.1", message.GetMetadata("Peer-Address"));
        Assert.Null(message.GetMetadata("No-Such-Property"));
    });

    [Fact]
    public void Strings_are_utf8_on_the_wire_of_any_length() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("inproc"));
        string chinese = "消息群发";
        a.SendString(chinese);
        using (var message = b.ReceiveMessage())
        {
            Assert.Equal(Encoding.UTF8.GetBytes(chinese), message.Data.ToArray());
        }
        string longText = string.Concat(Enumerable.Repeat("测试消息 ", 2000));
        a.SendString(longText);
        Assert.Equal(longText, b.ReceiveString());
        a.SendString("with\0nul");
        Assert.Equal("with\0nul", b.ReceiveString());
    });
}
