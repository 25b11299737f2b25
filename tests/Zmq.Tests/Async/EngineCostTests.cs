using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// What the engine costs per awaited operation, counted rather than timed: every ZMQ_EVENTS read is
/// a zero-timeout poll (and a fork check) inside libzmq, and they made an awaited round trip cost
/// twice a blocking one.
/// </summary>
public class EngineCostTests
{
    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public async Task An_awaited_ping_pong_reads_ZMQ_EVENTS_about_once_per_park(string transport)
    {
        const int rounds = 2000;
        using var context = new ZmqContext();
        using var ping = context.CreateBounded(ZmqSocketType.Dealer);
        using var pong = context.CreateBounded(ZmqSocketType.Dealer);
        ping.Connect(pong.BindAny(transport));
        var buffer = new byte[8];
        var echo = Task.Run(async () =>
        {
            var frame = new byte[8];
            for (int i = 0; i < rounds; i++)
            {
                ZmqReceiveResult got = await pong.ReceiveAsync(frame);
                await pong.SendAsync(frame.AsMemory(0, got.BytesWritten));
            }
        });
        for (int i = 0; i < rounds; i++)
        {
            BitConverter.TryWriteBytes(buffer, i);
            await ping.SendAsync(buffer.AsMemory(0, 4));
            ZmqReceiveResult reply = await ping.ReceiveAsync(buffer).AsTask().WaitAsync(TestSockets.Timeout);
            Assert.Equal(i, BitConverter.ToInt32(buffer, 0));
            Assert.Equal(4, reply.BytesWritten);
        }
        await echo.WaitAsync(TestSockets.Timeout);
        // Each side's receive parks about once a round: the refusal itself stands for the read
        // before the park, and the reactor reads once when the reply's edge arrives. The engine
        // of before read three times a park (after the refusal, at the release, on the wake).
        double perRound = (ping.EngineEventReads + pong.EngineEventReads) / (double)rounds;
        Assert.True(perRound <= 3.0, $"{perRound:F2} ZMQ_EVENTS reads per awaited round trip over {transport} (expected about 2: one per park)");
    }
}
