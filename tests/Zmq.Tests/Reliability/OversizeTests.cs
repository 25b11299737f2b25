using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

public class OversizeTests
{
    [Fact]
    public void A_peer_sending_more_than_MaxMessageSize_is_disconnected_and_nothing_is_delivered() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        pull.MaxMessageSize = 1000;
        using var monitor = new ZmqMonitor(pull);
        string endpoint = pull.BindAny("tcp");
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Connect(endpoint);
        push.Send(new byte[2000]);

        pull.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
        Assert.False(pull.TryReceive(new byte[4096], out _), "an oversize message was delivered");
        Assert.True(monitor.WaitFor(ZmqMonitorEventType.Disconnected, TimeSpan.FromSeconds(10), out _),
            "the oversize peer was not disconnected");

        // A message within the limit from a well-behaved peer still arrives.
        using var polite = context.CreateBounded(ZmqSocketType.Push);
        polite.Connect(endpoint);
        polite.Send(new byte[1000]);
        pull.ReceiveTimeout = TestSockets.Timeout;
        Assert.Equal(1000, pull.Receive(new byte[4096]).FrameLength);
    });
}
