using Xunit.Abstractions;
using Zmq.Samples.Harness;
using Zmq.Tests.Samples;
using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

/// <summary>
/// The demos across two hosts (network namespaces joined by a veth cable), with the cable pulled
/// and plugged back mid-run. What ZeroMQ does then is the documented behaviour: a cut shorter than
/// the heartbeat timeout is ridden out by TCP and loses nothing; a longer one is detected by the
/// heartbeats, the connection is dropped and re-made, and the data that was in flight on the dead
/// connection is lost, which the sequence numbers show. A Lazy Pirate client completes every
/// request either way.
/// </summary>
public class MultiHostTests(ITestOutputHelper output)
{
    [NetworkNamespaceFact]
    public void Pipeline_across_two_hosts_rides_out_a_brief_cut_without_losing_a_message()
    {
        using VirtualNetwork network = VirtualNetwork.Create();
        const int count = 60;
        // Heartbeats every 2 s (timeout 6 s): a 1 s cut must not drop the connection, only stall it.
        string[] heartbeat = ["--heartbeat=2000"];
        using var sink = Start(network.A, "pipeline", "sink", [$"--bind=tcp://{network.A.Address}:*", $"--count={count}", "--timeout=30000", .. heartbeat]);
        string sinkEndpoint = sink.WaitForBoundEndpoint(Peers.Deadline);
        using var ventilator = Start(network.A, "pipeline", "ventilator", [$"--bind=tcp://{network.A.Address}:*", $"--count={count}", "--interval=50", .. heartbeat]);
        string ventilatorEndpoint = ventilator.WaitForBoundEndpoint(Peers.Deadline);
        using var worker = Start(network.B, "pipeline", "worker", [$"--pull={ventilatorEndpoint}", $"--push={sinkEndpoint}", $"--count={count}", "--timeout=30000", .. heartbeat]);

        worker.WaitForLines(l => l == "正在转发...", 15, Peers.Deadline);
        network.CutLink();
        Thread.Sleep(1000); // The cut's length is what the test is about (shorter than the heartbeat timeout).
        network.RestoreLink();

        Peers.AssertExitedZero(ventilator);
        Peers.AssertExitedZero(worker);
        Peers.AssertPrinted(sink, "response: 测试消息", count);
        // The worker's two connections were made once each and never re-made: TCP retransmitted
        // across the cut. (Each ends with a Disconnected when its peer exits, which is normal.)
        Assert.Equal(2, worker.Lines.Count(l => l.StartsWith("link Connected", StringComparison.Ordinal)));
    }

    [NetworkNamespaceFact]
    public void Lazy_pirate_request_reply_across_two_hosts_completes_every_request_through_a_long_cut()
    {
        using VirtualNetwork network = VirtualNetwork.Create();
        const int count = 30;
        // Heartbeats every 200 ms (timeout 600 ms): a 3 s cut is detected and the connection re-made.
        using var server = Start(network.B, "requestreply", "server", [$"--bind=tcp://{network.B.Address}:*", "--heartbeat=200"]);
        string endpoint = server.WaitForBoundEndpoint(Peers.Deadline);
        using var client = Start(network.A, "requestreply", "client",
            [$"--connect={endpoint}", $"--count={count}", "--interval=100", "--retries=20", "--request-timeout=500", "--heartbeat=200"]);

        client.WaitForLines(l => l == "response: I am OK!", 5, Peers.Deadline);
        int linesBeforeCut = client.Lines.Count;
        network.CutLink();
        Thread.Sleep(3000); // The cut's length is what the test is about (longer than the heartbeat timeout).
        network.RestoreLink();

        Peers.AssertPrinted(client, "response: I am OK!", count);
        IReadOnlyList<string> lines = client.Lines;
        var afterCut = lines.Skip(linesBeforeCut).ToList();
        int disconnected = afterCut.FindIndex(l => l.StartsWith("link Disconnected", StringComparison.Ordinal));
        Assert.True(disconnected >= 0, $"the heartbeat never reported the cut; client output: [{string.Join(" | ", lines)}]");
        Assert.Contains(afterCut.Skip(disconnected), l => l.StartsWith("link Connected", StringComparison.Ordinal));
        Assert.Contains(afterCut, l => l.StartsWith("no reply within 500 ms, retrying", StringComparison.Ordinal));
        // At least once: a request whose reply was lost may have reached the server twice.
        Assert.True(server.Lines.Count(l => l == "Received: Are you OK?") >= count);
        output.WriteLine($"retries: {afterCut.Count(l => l.StartsWith("no reply", StringComparison.Ordinal))}; server handled {server.Lines.Count(l => l.StartsWith("Received", StringComparison.Ordinal))} requests for {count} replies");
    }

    [NetworkNamespaceFact]
    public void A_cut_longer_than_the_heartbeat_timeout_loses_only_the_in_flight_messages_and_the_stream_resumes()
    {
        using VirtualNetwork network = VirtualNetwork.Create();
        const int count = 5000;
        using var receiver = Start(network.B, "Zmq.TestHost", "stream-receive", [$"tcp://{network.B.Address}:*", "200", "20000"]);
        string endpoint = receiver.WaitForBoundEndpoint(Peers.Deadline);
        using var sender = Start(network.A, "Zmq.TestHost", "stream-send", [endpoint, "200", $"{count}"]);

        receiver.WaitForLine(l => l == "progress 1000", Peers.Deadline);
        network.CutLink();
        Thread.Sleep(3000); // The cut's length is what the test is about (longer than the heartbeat timeout).
        network.RestoreLink();

        Peers.AssertExitedZero(sender);
        Peers.AssertExitedZero(receiver);
        var summary = StreamSummary.Of(receiver);
        output.WriteLine(summary.Line);
        Assert.True(summary.Ended, summary.Line);
        Assert.Equal(count - 1, summary.Last);
        Assert.Equal(0, summary.OutOfOrder);
        Assert.Equal(count, summary.Received + summary.Lost);
        // Only what was on the dead connection is lost: one contiguous range. Everything queued at
        // the sender after the drop waited for the reconnect and arrived.
        Assert.True(summary.Gaps <= 1, summary.Line);
        // Both ends saw the heartbeat drop the connection, and the sender (which connected) came back.
        Assert.Contains(receiver.Lines, l => l.StartsWith("link Disconnected", StringComparison.Ordinal));
        var senderLines = sender.Lines.ToList();
        int drop = senderLines.FindIndex(l => l.StartsWith("link Disconnected", StringComparison.Ordinal));
        Assert.True(drop >= 0, $"the sender never saw the cut: [{string.Join(" | ", senderLines)}]");
        Assert.Contains(senderLines.Skip(drop), l => l.StartsWith("link Connected", StringComparison.Ordinal));
    }

    private PeerProcess Start(VirtualNetwork.Host host, string program, string role, string[] args) =>
        PeerProcess.StartSample(program, role, args, $"{role}@{host.Address}", (label, line) => output.WriteLine($"[{label}] {line}"), host.Launcher);
}
