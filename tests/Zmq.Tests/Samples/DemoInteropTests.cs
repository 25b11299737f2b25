namespace Zmq.Tests.Samples;

/// <summary>
/// Every demo role against its partner, each side played by our sample program or by pyzmq (Debian's
/// python3-zmq on the same libzmq), in both directions.
/// </summary>
public class DemoInteropTests
{
    [Theory]
    [InlineData(PeerKind.CSharp, PeerKind.CSharp)]
    [InlineData(PeerKind.CSharp, PeerKind.Python)]
    [InlineData(PeerKind.Python, PeerKind.CSharp)]
    public void Request_reply(PeerKind server, PeerKind client)
    {
        using var rep = Peers.Start(server, "requestreply", "server", $"--bind={Peers.AnyPort}", "--count=3", "--timeout=30000");
        string endpoint = rep.WaitForBoundEndpoint(Peers.Deadline);
        using var req = Peers.Start(client, "requestreply", "client", $"--connect={endpoint}", "--count=3", "--timeout=30000");
        Peers.AssertPrinted(req, "response: I am OK!", 3);
        Peers.AssertPrinted(rep, "Received: Are you OK?", 3);
    }

    [Theory]
    [InlineData(PeerKind.CSharp, PeerKind.CSharp)]
    [InlineData(PeerKind.CSharp, PeerKind.Python)]
    [InlineData(PeerKind.Python, PeerKind.CSharp)]
    public void Publish_subscribe_to_two_subscribers(PeerKind publisher, PeerKind subscriber)
    {
        // The publisher waits for both subscriptions, so each subscriber gets every message sent.
        using var pub = Peers.Start(publisher, "pubsub", "publisher", $"--bind={Peers.AnyPort}", "--subscribers=2", "--timeout=30000", "--count=4", "--interval=250");
        string endpoint = pub.WaitForBoundEndpoint(Peers.Deadline);
        using var first = Peers.Start(subscriber, "pubsub", "subscriber", $"--connect={endpoint}", "--count=4", "--timeout=30000");
        using var second = Peers.Start(subscriber, "pubsub", "subscriber", $"--connect={endpoint}", "--count=4", "--timeout=30000");
        Peers.AssertPrinted(first, "response: 消息群发", 4);
        Peers.AssertPrinted(second, "response: 消息群发", 4);
        Peers.AssertPrinted(pub, "发送消息", 4);
    }

    [Theory]
    [InlineData(PeerKind.CSharp, PeerKind.CSharp)]
    [InlineData(PeerKind.Python, PeerKind.CSharp)]
    [InlineData(PeerKind.CSharp, PeerKind.Python)]
    public void Subscriber_topic_filters_what_is_printed(PeerKind publisher, PeerKind subscriber)
    {
        using var pub = Peers.Start(publisher, "pubsub", "publisher", $"--bind={Peers.AnyPort}", "--subscribers=2", "--timeout=30000", "--count=3", "--interval=250", "--message=weather 12C");
        string endpoint = pub.WaitForBoundEndpoint(Peers.Deadline);
        using var matching = Peers.Start(subscriber, "pubsub", "subscriber", $"--connect={endpoint}", "--topic=weather", "--count=3", "--timeout=30000");
        using var other = Peers.Start(subscriber, "pubsub", "subscriber", $"--connect={endpoint}", "--topic=sports", "--count=1", "--timeout=4000");
        Peers.AssertPrinted(matching, "response: weather 12C", 3);
        Assert.Equal(2, other.WaitForExit(Peers.Deadline)); // Nothing matched: it timed out.
        Assert.DoesNotContain(other.Lines, l => l.StartsWith("response:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PeerKind.CSharp, PeerKind.CSharp, PeerKind.CSharp)]
    [InlineData(PeerKind.Python, PeerKind.CSharp, PeerKind.Python)]
    [InlineData(PeerKind.CSharp, PeerKind.Python, PeerKind.CSharp)]
    public void Pipeline_delivers_every_message(PeerKind ventilator, PeerKind worker, PeerKind sink)
    {
        using var results = Peers.Start(sink, "pipeline", "sink", $"--bind={Peers.AnyPort}", "--count=5", "--timeout=30000");
        using var tasks = Peers.Start(ventilator, "pipeline", "ventilator", $"--bind={Peers.AnyPort}", "--count=5", "--interval=100");
        string resultsEndpoint = results.WaitForBoundEndpoint(Peers.Deadline);
        string tasksEndpoint = tasks.WaitForBoundEndpoint(Peers.Deadline);
        using var forwarder = Peers.Start(worker, "pipeline", "worker", $"--pull={tasksEndpoint}", $"--push={resultsEndpoint}", "--count=5", "--timeout=30000");
        Peers.AssertPrinted(results, "response: 测试消息", 5);
        Peers.AssertPrinted(forwarder, "正在转发...", 5);
        Peers.AssertPrinted(tasks, "已发送", 5);
    }
}
