using Zmq.Samples.Harness;

namespace Zmq.Tests.Samples;

/// <summary>The samples of the async, security and monitoring features, run as processes.</summary>
public class AdvancedSampleTests
{
    [Fact]
    public void Async_worker_pool_answers_every_request_through_the_proxy()
    {
        using var pool = PeerProcess.StartSample("workerpool", "run", ["--workers", "3", "--clients", "2", "--count", "5", "--timeout", "30000"]);
        Peers.AssertPrinted(pool, "all 10 requests answered by 3 workers", 1);
        Assert.Equal(10, pool.Lines.Count(l => l.Contains(" done by worker ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(PeerKind.CSharp, PeerKind.CSharp)]
    [InlineData(PeerKind.CSharp, PeerKind.Python)]
    [InlineData(PeerKind.Python, PeerKind.CSharp)]
    public void Curve_request_reply_interoperates_with_pyzmq(PeerKind server, PeerKind client)
    {
        using var rep = Start(server, "server", "--bind", Peers.AnyPort, "--count", "2", "--timeout", "30000");
        string key = rep.WaitForLine(l => l.StartsWith("public-key ", StringComparison.Ordinal), Peers.Deadline)["public-key ".Length..];
        string endpoint = rep.WaitForBoundEndpoint(Peers.Deadline);
        using var req = Start(client, "client", "--server-key", key, "--connect", endpoint, "--count", "2", "--timeout", "30000");
        Peers.AssertPrinted(req, "response: I am OK!", 2);
        Peers.AssertPrinted(rep, "Received: Are you OK?", 2);
    }

    [Theory]
    [InlineData(PeerKind.CSharp)]
    [InlineData(PeerKind.Python)]
    public void A_client_with_the_wrong_server_key_gets_no_reply(PeerKind server)
    {
        using var rep = Start(server, "server", "--bind", Peers.AnyPort, "--count", "1", "--timeout", "5000");
        rep.WaitForLine(l => l.StartsWith("public-key ", StringComparison.Ordinal), Peers.Deadline);
        string endpoint = rep.WaitForBoundEndpoint(Peers.Deadline);
        string wrongKey = ZmqCurve.GenerateKeyPair().PublicKey;
        using var req = Start(PeerKind.CSharp, "client", "--server-key", wrongKey, "--connect", endpoint, "--timeout", "1500");
        Assert.Equal(2, req.WaitForExit(Peers.Deadline));
        Assert.DoesNotContain(req.Lines, l => l.StartsWith("response:", StringComparison.Ordinal));
        Assert.Equal(2, rep.WaitForExit(Peers.Deadline)); // Nothing ever reached the server.
    }

    [Fact]
    public void Monitor_sample_prints_both_sides_of_a_connection()
    {
        using var listener = PeerProcess.StartSample("monitorevents", "listen", ["--bind", Peers.AnyPort, "--count", "4", "--timeout", "30000"]);
        string endpoint = listener.WaitForBoundEndpoint(Peers.Deadline);
        using var watcher = PeerProcess.StartSample("monitorevents", "watch", ["--connect", endpoint, "--count", "2", "--timeout", "30000"]);
        Assert.Equal(0, watcher.WaitForExit(Peers.Deadline));
        Assert.Contains(watcher.Lines, l => l.StartsWith($"event Connected {endpoint}", StringComparison.Ordinal));
        Assert.Equal(0, listener.WaitForExit(Peers.Deadline));
        string[] expected = ["Listening", "Accepted", "HandshakeSucceeded", "Disconnected"];
        Assert.Equal(expected, listener.Lines.Where(l => l.StartsWith("event ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]));
    }

    private static PeerProcess Start(PeerKind kind, string role, params string[] args) => kind == PeerKind.CSharp
        ? PeerProcess.StartSample("securereqrep", role, args, $"C# {role}")
        : PeerProcess.StartPython(Path.Combine(Support.Repository.Root, "tests", "python", "securereqrep.py"), role, args, $"Python {role}");
}
