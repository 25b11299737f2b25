using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// The engine's paths that must not throw or leak, under injected faults (test host
/// "release-faults", a quiet child process): a reactor registration the backend refuses leaves no
/// slot pinning the socket and no gate held; a poll-backend wake-up that fails while a release
/// holds the gate is retried, and the gate is let go. The socket stays usable, async included.
/// </summary>
public class ReleaseFaultTests
{
    // Before the fix: on both backends "a failed registration left a slot: N+1 registered, N
    // before"; on poll "a failed wake-up escaped the release: SocketException", the gate held.
    [Theory]
    [InlineData("epoll")]
    [InlineData("poll")]
    public void Faults_in_the_register_and_wake_paths_leave_the_gate_free_and_the_socket_usable(string backend)
    {
        var result = ChildProcess.RunTestHostOnBackend("release-faults", backend, TimeSpan.FromSeconds(60));
        result.AssertSucceeded($"the fault-injection scenario hung on the {backend} backend");
        Assert.Contains($"backend={backend}", result.Output, StringComparison.Ordinal);
        Assert.Contains("register fault: error surfaced, no slot left, gate free, socket usable", result.Output, StringComparison.Ordinal);
        if (backend == "poll")
        {
            Assert.Contains("failed wake-ups retried, gate free, socket usable", result.Output, StringComparison.Ordinal);
        }
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }
}
