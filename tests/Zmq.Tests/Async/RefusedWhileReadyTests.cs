using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// ZMQ_POLLOUT is not a promise: XPUB with XPUB_NODROP and ROUTER with ROUTER_MANDATORY (another
/// peer has room) report writable while the send to a full peer is refused. An awaited send there
/// must return a pending task at once, use no CPU while parked and complete once the peer drains.
/// The scenario runs in a child process (test host "refused-while-ready"), since an engine that
/// retries on its own readiness spins on the caller's thread for ever.
/// </summary>
public class RefusedWhileReadyTests
{
    // Before the fix all four rows failed: "SendAsync did not return within 5 s (it spins on the
    // caller's thread: 0.3-0.4 s CPU in 1 s)" on two shared cores (a whole core when idle).
    [Theory]
    [InlineData("xpub-nodrop", "inproc", "epoll")]
    [InlineData("xpub-nodrop", "tcp", "epoll")]
    [InlineData("router-mandatory", "inproc", "epoll")]
    [InlineData("router-mandatory", "tcp", "epoll")]
    [InlineData("xpub-nodrop", "inproc", "poll")]
    [InlineData("xpub-nodrop", "tcp", "poll")]
    [InlineData("router-mandatory", "inproc", "poll")]
    [InlineData("router-mandatory", "tcp", "poll")]
    public void An_awaited_send_refused_under_pollout_parks_without_spinning(string kind, string transport, string backend)
    {
        RunScenario(kind, transport, backend);
    }

    /// <summary>Runs the scenario in the test host and checks each step it reports.</summary>
    internal static void RunScenario(string kind, string transport, string backend)
    {
        var result = ChildProcess.RunTestHostOnBackend("refused-while-ready", backend, TimeSpan.FromSeconds(60), kind, transport);
        result.AssertSucceeded($"{kind} over {transport} ({backend}): the scenario hung");
        Assert.Contains($"backend={backend}", result.Output, StringComparison.Ordinal);
        Assert.Contains("pending after", result.Output, StringComparison.Ordinal);
        Assert.Contains("cpu while parked", result.Output, StringComparison.Ordinal);
        Assert.Contains("the awaited one last", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }
}
