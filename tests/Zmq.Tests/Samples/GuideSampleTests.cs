using Zmq.Samples.Harness;

namespace Zmq.Tests.Samples;

/// <summary>
/// The ten ZeroMQ Guide examples of samples/Guide, each run end to end as processes with short
/// counts (issue 15): what each prints is what the Guide's version prints.
/// </summary>
public class GuideSampleTests
{
    [Fact]
    public void Hello_world_server_and_client()
    {
        using var server = Start("hwserver", $"--bind={Peers.AnyPort}", "--count=3", "--timeout=30000");
        using var client = Start("hwclient", $"--connect={server.WaitForBoundEndpoint(Peers.Deadline)}", "--count=3", "--timeout=30000");
        Peers.AssertExitedZero(client);
        Assert.Equal(["Received World 0", "Received World 1", "Received World 2"], client.Lines.Where(l => l.StartsWith("Received", StringComparison.Ordinal)));
        Peers.AssertPrinted(server, "Received Hello", 3);
    }

    [Fact]
    public void Weather_client_averages_the_updates_of_its_zipcode()
    {
        using var server = Start("wuserver", $"--bind={Peers.AnyPort}");
        using var client = Start("wuclient", $"--connect={server.WaitForBoundEndpoint(Peers.Deadline)}", "--zipcode=10001", "--count=20", "--timeout=30000");
        Peers.AssertExitedZero(client);
        Assert.Single(client.Lines, l => l.StartsWith("Average temperature for zipcode '10001' was ", StringComparison.Ordinal));
    }

    [Fact]
    public void Envelope_subscriber_sees_only_its_topic()
    {
        using var publisher = Start("psenvpub", $"--bind={Peers.AnyPort}", "--interval=50");
        using var subscriber = Start("psenvsub", $"--connect={publisher.WaitForBoundEndpoint(Peers.Deadline)}", "--count=3", "--timeout=30000");
        Peers.AssertPrinted(subscriber, "[B] We would like to see this", 3);
        Assert.DoesNotContain(subscriber.Lines, l => l.StartsWith("[A]", StringComparison.Ordinal));
    }

    [Fact]
    public void Ventilator_workers_and_sink_finish_a_batch()
    {
        using var sink = Start("tasksink", $"--bind={Peers.AnyPort}", "--count=20", "--timeout=30000");
        string sinkEndpoint = sink.WaitForBoundEndpoint(Peers.Deadline);
        using var vent = Start("taskvent", $"--bind={Peers.AnyPort}", $"--sink={sinkEndpoint}", "--count=20", "--interval=1500");
        string ventEndpoint = vent.WaitForBoundEndpoint(Peers.Deadline);
        using var first = Start("taskwork", $"--vent={ventEndpoint}", $"--sink={sinkEndpoint}", "--timeout=30000");
        using var second = Start("taskwork", $"--vent={ventEndpoint}", $"--sink={sinkEndpoint}", "--timeout=30000");
        Peers.AssertExitedZero(vent);
        Assert.Single(vent.Lines, l => l.StartsWith("Total expected cost: ", StringComparison.Ordinal));
        Peers.AssertExitedZero(sink);
        Assert.Single(sink.Lines, l => l.StartsWith("Total elapsed time: ", StringComparison.Ordinal) && l.EndsWith(" msec for 20 tasks", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rrbroker")]
    [InlineData("msgqueue")]
    public void Clients_reach_workers_through_a_broker(string broker)
    {
        string[] count = broker == "rrbroker" ? ["--count=4"] : [];
        using var brokerProcess = Start(broker, [$"--frontend={Peers.AnyPort}", $"--backend={Peers.AnyPort}", .. count, "--timeout=30000"]);
        var bound = brokerProcess.WaitForLines(l => l.StartsWith("bound ", StringComparison.Ordinal), 2, Peers.Deadline);
        using var worker = Start("rrworker", $"--connect={bound[1]["bound ".Length..]}", "--count=4", "--timeout=30000");
        using var client = Start("rrclient", $"--connect={bound[0]["bound ".Length..]}", "--count=4", "--timeout=30000");
        Peers.AssertExitedZero(client);
        Assert.Equal(4, client.Lines.Count(l => l.StartsWith("Received reply ", StringComparison.Ordinal) && l.EndsWith(" [World]", StringComparison.Ordinal)));
        Peers.AssertPrinted(worker, "Received request: [Hello]", 4);
        if (broker == "rrbroker")
        {
            Peers.AssertPrinted(brokerProcess, "brokered 4 requests", 1);
        }
    }

    [Fact]
    public void Multithreaded_server_answers_from_its_worker_threads()
    {
        using var server = Start("mtserver", $"--bind={Peers.AnyPort}", "--workers=3", "--count=5", "--timeout=30000");
        using var client = Start("hwclient", $"--connect={server.WaitForBoundEndpoint(Peers.Deadline)}", "--count=5", "--timeout=30000");
        Peers.AssertExitedZero(client);
        Assert.Equal(5, client.Lines.Count(l => l.StartsWith("Received World", StringComparison.Ordinal)));
        Peers.AssertPrinted(server, "answered 5 requests with 3 worker threads", 1);
    }

    [Fact]
    public void Lazy_pirate_client_retries_with_a_new_socket_and_then_gives_up()
    {
        using var server = Start("lpserver", $"--bind={Peers.AnyPort}", "--fail-after=3", "--timeout=30000");
        using var client = Start("lpclient", $"--connect={server.WaitForBoundEndpoint(Peers.Deadline)}", "--count=5", "--retries=3", "--timeout=300");
        Assert.Equal(2, client.WaitForExit(Peers.Deadline)); // a timeout: the server went away
        Assert.Equal(3, client.Lines.Count(l => l.StartsWith("I: server replied OK", StringComparison.Ordinal)));
        Assert.Equal(2, client.Lines.Count(l => l == "W: no response from server, retrying…"));
        Assert.Equal(3, client.Lines.Count(l => l == "I: connecting to server…")); // the first socket and two replacements
        Assert.Contains("E: server seems to be offline, abandoning", client.Lines);
        Assert.Contains("I: simulating a crash", server.Lines);
    }

    [Fact]
    public void Identity_shows_a_generated_and_a_chosen_routing_id()
    {
        using var run = Start("identity");
        Peers.AssertExitedZero(run);
        Assert.Contains("[005] PEER2", run.Lines);
        Assert.Contains("[040] ROUTER socket uses REQ's socket identity", run.Lines);
        Assert.Contains("[039] ROUTER uses a generated 5 byte identity", run.Lines);
    }

    [Fact]
    public void Asynchronous_server_answers_every_client()
    {
        using var run = Start("asyncsrv", "--clients=3", "--count=4", "--timeout=30000");
        Peers.AssertPrinted(run, "asyncsrv: 3 clients each got replies to 4 requests", 1);
        foreach (string client in (string[])["client-1", "client-2", "client-3"])
        {
            Assert.Equal(4, run.Lines.Where(l => l.StartsWith($"{client} received: ", StringComparison.Ordinal)).Distinct().Count());
        }
    }

    private static PeerProcess Start(string role, params string[] args) => PeerProcess.StartSample("guide", role, args, role);
}
