using Zmq.Tests.Support;

namespace Zmq.Tests.Lifetime;

/// <summary>Signals interrupt blocking libzmq calls with EINTR; the binding retries them.</summary>
public class InterruptTests
{
    [LinuxTheory]
    [InlineData("eintr-retry", "received: after the signals")] // A blocked receive.
    [InlineData("eintr-send", "received: through the signals")] // A send blocked until a peer arrives.
    [InlineData("eintr-poll", "ready: 1, readable: True")] // A poll waiting for input.
    public void A_blocking_call_interrupted_by_signals_is_retried_and_completes(string scenario, string expected)
    {
        var result = ChildProcess.RunTestHost(scenario, TimeSpan.FromSeconds(60));
        result.AssertSucceeded();
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Retrying_after_signals_keeps_the_original_timeout()
    {
        var result = ChildProcess.RunTestHost("eintr-timeout", TimeSpan.FromSeconds(60));
        result.AssertSucceeded();
        // Restarting the full 1 s timeout after each of the signals (sent every 100 ms for 4 s)
        // would end the wait only after the storm; recomputing the remainder ends it near 1 s.
        long elapsed = long.Parse(result.Output.Split("elapsed ms: ")[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(elapsed, 900, 3000);
    }
}
