using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

/// <summary>
/// libzmq issue #3442: a connection that dies mid-multipart while its session's pipe terminates
/// aborts the process in 4.3.4's <c>session_base_t::clean_pipes</c>. The reproducer
/// (Zmq.TestHost session-cleanup) runs in child processes; the bundled library is patched
/// (native/patches/0001-session-clean-pipes-terminating-pipe.patch) and must never abort.
/// </summary>
public class SessionCleanupAbortTests
{
    private const string Abort = "session_base.cpp:260";

    [LinuxFact]
    public void The_bundled_library_survives_the_reproducer_with_every_message_whole_and_in_order()
    {
        // 8 children x 50 rounds, on the bundled library whatever this run loads (the override is
        // cleared). The OS library aborts within a few dozen rounds (the next test).
        for (int child = 0; child < 8; child++)
        {
            var result = ChildProcess.RunTestHost("session-cleanup", TimeSpan.FromSeconds(120),
                new Dictionary<string, string> { [LibZmqResolver.PathVariable] = "" }, "50");
            Assert.DoesNotContain(Abort, result.Error, StringComparison.Ordinal);
            result.AssertSucceeded();
            Assert.Contains("rounds survived: 50", result.Output, StringComparison.Ordinal);
        }
    }

    [LinuxFact]
    public void The_reproducer_aborts_the_unpatched_os_library()
    {
        // Proof that the reproducer reaches the bug: Debian's libzmq5 aborts (measured here: in
        // most 20-round runs). Up to 10 children of 200 rounds; the first abort ends the test.
        for (int child = 0; child < 10; child++)
        {
            var result = ChildProcess.RunTestHost("session-cleanup", TimeSpan.FromSeconds(120),
                new Dictionary<string, string> { [LibZmqResolver.PathVariable] = "libzmq.so.5" }, "200");
            if (result.Error.Contains(Abort, StringComparison.Ordinal))
            {
                Assert.NotEqual(0, result.ExitCode);
                return;
            }
            result.AssertSucceeded();
        }
        Assert.Fail("libzmq.so.5 survived 2,000 rounds: the reproducer no longer reaches issue #3442 (or the OS library was fixed)");
    }
}
