using Xunit.Abstractions;
using Zmq.Samples.Harness;
using Zmq.Tests.Samples;
using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

/// <summary>
/// Messages queued at a connecting sender wait for their peer: sent before the peer exists, they
/// arrive once it binds; sent while a worker restarts, they reach the restarted worker. (The pipe
/// of a connect lives as long as the connect; only what was already handed to a dead connection
/// is lost with it.)
/// </summary>
public class ReconnectDeliveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("inproc")]
    [InlineData("ipc")]
    [InlineData("tcp")]
    public void Messages_sent_before_the_peer_binds_arrive_in_order_once_it_does(string transport) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        string endpoint = transport == "tcp" ? Endpoints.ReleasedTcpEndpoint(context) : Endpoints.ForBind(transport);
        using var dealer = context.CreateBounded(ZmqSocketType.Dealer);
        dealer.Connect(endpoint);
        for (int i = 0; i < 3; i++)
        {
            // Nothing is bound yet: the messages wait in the connect's pipe.
            Assert.True(dealer.TrySendString($"queued {i}", ZmqSendFlags.DontWait), $"send {i} with no peer yet was refused");
        }
        using var router = context.CreateBounded(ZmqSocketType.Router);
        router.BindReleased(endpoint);
        for (int i = 0; i < 3; i++)
        {
            List<string> frames = router.ReceiveMultipartStrings();
            Assert.Equal($"queued {i}", frames[^1]);
        }
    });

    [LinuxFact]
    public void A_worker_killed_mid_stream_and_restarted_gets_everything_still_queued_at_the_sender()
    {
        const int count = 4000;
        using var firstWorker = StartWorker("tcp://127.0.0.1:*");
        string endpoint = firstWorker.WaitForBoundEndpoint(Peers.Deadline);
        using var sender = PeerProcess.StartSample("Zmq.TestHost", "stream-send", [endpoint, "1000", $"{count}"], "sender");
        firstWorker.WaitForLine(l => l == "progress 1000", Peers.Deadline);
        firstWorker.Kill(); // SIGKILL by PID: a crash, not a clean close.

        // The restarted worker binds the same endpoint; the sender's connect finds it again.
        using var restarted = StartWorker(endpoint);
        Assert.Equal(0, restarted.WaitForExit(Peers.Deadline));
        Assert.Equal(0, sender.WaitForExit(Peers.Deadline));
        var summary = StreamSummary.Of(restarted);
        output.WriteLine(summary.Line);
        // Everything from the restarted worker's first message to the last arrives, once, in order:
        // nothing that was still queued at the sender is lost. What the killed worker had already
        // taken (at least 1000) or had in its socket buffers went down with it.
        Assert.True(summary.First >= 1000, summary.Line);
        Assert.Equal(count - 1, summary.Last);
        Assert.Equal(count - summary.First, summary.Received);
        Assert.Equal(0, summary.OutOfOrder);
        Assert.True(summary.Ended, summary.Line);
        output.WriteLine($"lost with the killed worker (taken or buffered beyond the 1000 it reported): {summary.First - 1000}");
    }

    private PeerProcess StartWorker(string endpoint) =>
        PeerProcess.StartSample("Zmq.TestHost", "stream-receive", [endpoint, "1000", "20000"], "worker", (label, line) => output.WriteLine($"[{label}] {line}"));
}
