using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

/// <summary>Steady-state send and receive allocate nothing on the managed heap.</summary>
public class AllocationTests
{
    private const int Warmup = 2_000;
    private const int Measured = 20_000;

    [Theory]
    [InlineData("inproc", 1)]
    [InlineData("inproc", 64)]
    [InlineData("tcp", 64)]
    [InlineData("tcp", 1024)]
    public void Span_send_and_receive_allocate_zero_bytes_per_message(string transport, int size) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny(transport));
        byte[] payload = new byte[size];
        byte[] buffer = new byte[size];

        void Loop(int count)
        {
            for (int i = 0; i < count; i++)
            {
                push.Send(payload);
                pull.Receive(buffer);
            }
        }

        Loop(Warmup);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Loop(Measured);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated over {Measured} messages ({(double)allocated / Measured:F2} B/message)");
    });

    [Theory]
    [InlineData(16)]
    [InlineData(4096)]
    public void ReceiveMessage_and_message_send_allocate_zero_bytes_per_message(int size) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("inproc"));
        byte[] payload = new byte[size];

        long checksum = 0;
        void Loop(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var outgoing = new ZmqMessage(payload);
                push.Send(ref outgoing);
                outgoing.Dispose();
                using var incoming = pull.ReceiveMessage();
                checksum += incoming.Size;
            }
        }

        Loop(Warmup);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Loop(Measured);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((long)(Warmup + Measured) * size, checksum);
        Assert.True(allocated == 0, $"{allocated} bytes allocated over {Measured} messages");
    });

    [Fact]
    public void Short_strings_are_sent_without_allocation() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("inproc"));
        byte[] buffer = new byte[64];
        for (int i = 0; i < Warmup; i++)
        {
            push.SendString("测试消息");
            pull.Receive(buffer);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Measured; i++)
        {
            push.SendString("测试消息");
            pull.Receive(buffer);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    });
}
