using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

/// <summary>Steady-state send and receive allocate nothing on the managed heap.</summary>
/// <remarks>
/// The runtime itself may allocate a few bytes once on this thread while it tiers up the JIT code
/// (seen: 40 bytes in one run of 20,000 messages). So the loop is measured in rounds and the test
/// asks for one round that allocated nothing; a real per-message allocation shows in every round.
/// </remarks>
public class AllocationTests
{
    private const int Warmup = 2_000;
    private const int Measured = 20_000;
    private const int Rounds = 5;

    /// <summary>Runs <paramref name="loop"/> in rounds; returns the bytes each round allocated, stopping at a clean one.</summary>
    private static List<long> MeasureRounds(Action<int> loop)
    {
        loop(Warmup);
        var rounds = new List<long>();
        for (int round = 0; round < Rounds; round++)
        {
            rounds.Add(AllocationProbe.Allocated(() => loop(Measured)));
            if (rounds[^1] == 0)
            {
                break;
            }
        }
        return rounds;
    }

    private static void AssertSteadyStateAllocatesNothing(List<long> rounds) =>
        Assert.True(rounds[^1] == 0,
            $"every round of {Measured} messages allocated: {string.Join(", ", rounds)} bytes ({(double)rounds.Min() / Measured:F3} B/message at best)");

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

        AssertSteadyStateAllocatesNothing(MeasureRounds(Loop));
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

        var rounds = MeasureRounds(Loop);
        Assert.Equal((long)(Warmup + (Measured * rounds.Count)) * size, checksum);
        AssertSteadyStateAllocatesNothing(rounds);
    });

    [Fact]
    public void Short_strings_are_sent_without_allocation() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        push.Connect(pull.BindAny("inproc"));
        byte[] buffer = new byte[64];
        AssertSteadyStateAllocatesNothing(MeasureRounds(count =>
        {
            for (int i = 0; i < count; i++)
            {
                push.SendString("测试消息");
                pull.Receive(buffer);
            }
        }));
    });
}
