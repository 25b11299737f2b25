using System.Net;
using System.Net.Sockets;
using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

/// <summary>
/// Raw TCP peers that send random bytes or cut greetings to a publisher are dropped, and a real
/// subscriber on the same publisher keeps getting its messages (catalogue L33).
/// </summary>
public class GarbagePeerTests
{
    [Fact]
    public void Garbage_and_short_greetings_do_not_wedge_a_publisher() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pub = context.CreateBounded(ZmqSocketType.Pub);
        using var monitor = new ZmqMonitor(pub, ZmqMonitorEventType.Accepted | ZmqMonitorEventType.Disconnected);
        string endpoint = pub.BindAny("tcp");
        int port = Endpoints.Port(endpoint);
        var random = new Random(1234);
        byte[][] inputs =
        [
            [0xFF], // A signature cut short.
            [0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3], // A greeting that stops after the version.
            Zmtp.Greeting("BOGUS"), // An unknown mechanism.
            .. Enumerable.Range(0, 20).Select(_ => { var b = new byte[random.Next(1, 600)]; random.NextBytes(b); return b; }),
        ];
        foreach (byte[] input in inputs)
        {
            using var raw = new TcpClient();
            raw.Connect(IPAddress.Loopback, port);
            raw.GetStream().Write(input);
        }
        using var sub = context.CreateBounded(ZmqSocketType.Sub);
        sub.Subscribe("HELLO");
        sub.Connect(endpoint);
        TestSockets.WaitForSubscription(pub, sub, "HELLO probe");
        pub.SendString("HELLO world");
        Assert.Equal("HELLO world", sub.ReceiveString());
        int accepted = 0;
        while (monitor.TryReceive(out ZmqMonitorEvent e, TimeSpan.FromMilliseconds(200)))
        {
            accepted += e.Type == ZmqMonitorEventType.Accepted ? 1 : 0;
        }
        Assert.True(accepted >= inputs.Length, $"only {accepted} of {inputs.Length + 1} connections were accepted");
    });
}
