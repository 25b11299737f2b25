using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// ZmqPoller and ZmqProxy on a classic socket that has a parked awaited send (test host
/// "outside-call", a child process: the failure this guards against is a libzmq abort or a stall).
/// zmq_poll and the proxy read ZMQ_EVENTS while they run: without the socket's gate they consume
/// the ZMQ_FD edge the parked send waits for, and may run beside the reactor's own ZMQ_EVENTS read.
/// </summary>
public class OutsideCallTests
{
    // Before the fix (no gate taken by ZmqPoller/ZmqProxy): "FAILED: round N: the parked send did
    // not complete within 10 s" on both calls and both backends (see the commit message).
    [Theory]
    [InlineData("poll", "epoll")]
    [InlineData("poll", "poll")]
    [InlineData("proxy", "epoll")]
    [InlineData("proxy", "poll")]
    public void A_parked_send_completes_while_another_thread_polls_or_proxies_its_socket(string call, string backend)
    {
        var result = ChildProcess.RunTestHostOnBackend("outside-call", backend, TimeSpan.FromSeconds(150), call, "1000");
        result.AssertSucceeded($"the {call} scenario hung on the {backend} backend");
        Assert.Contains($"backend={backend}", result.Output, StringComparison.Ordinal);
        Assert.Contains("every parked send completed", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }
}
