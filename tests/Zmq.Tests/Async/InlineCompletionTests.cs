using Zmq.Tests.Support;

namespace Zmq.Tests.Async;

/// <summary>
/// The opt-in inline mode (ZMQ_ASYNC_INLINE_COMPLETIONS, Async/InlineCompletions.cs): continuations
/// of woken operations run on the reactor thread holding no gate, a throwing one is contained, and
/// the engine's race workloads hold in that mode too; off, they run on the thread pool. In child
/// processes, since the mode is read once per process.
/// </summary>
public class InlineCompletionTests
{
    private static Dictionary<string, string> Environment(string backend, bool inline) => new()
    {
        ["ZMQ_ASYNC_BACKEND"] = backend,
        ["ZMQ_ASYNC_INLINE_COMPLETIONS"] = inline ? "1" : "0",
    };

    [Theory]
    [InlineData("epoll", true)]
    [InlineData("poll", true)]
    [InlineData("epoll", false)]
    public void Continuations_run_where_the_mode_says_and_never_under_a_gate(string backend, bool inline)
    {
        var result = ChildProcess.RunTestHost("inline-completions", TimeSpan.FromSeconds(120), Environment(backend, inline), inline ? "inline" : "pool", "20000");
        result.AssertSucceeded($"the inline-completion scenario hung on the {backend} backend");
        Assert.Contains($"backend={backend} inline={inline}", result.Output, StringComparison.Ordinal);
        Assert.Contains(inline ? "continuation thread=zmq-reactor gate-held=False sync-send=True" : "sync-send=True", result.Output, StringComparison.Ordinal);
        if (inline)
        {
            Assert.Contains("reported: Reactor:", result.Output, StringComparison.Ordinal);
        }
        Assert.Contains("ping-pong: 20000 round trips, none lost or out of order", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("poll")]
    public void The_race_workloads_hold_with_inline_completions(string backend)
    {
        var result = ChildProcess.RunTestHost("async-races", TimeSpan.FromSeconds(180), Environment(backend, inline: true));
        result.AssertSucceeded($"the race workloads hung with inline completions on the {backend} backend");
        Assert.Contains($"backend={backend} inline=True", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xpub-nodrop", "tcp")]
    [InlineData("router-mandatory", "inproc")]
    public void A_send_refused_while_ready_parks_without_spinning_with_inline_completions(string kind, string transport)
    {
        var result = ChildProcess.RunTestHost("refused-while-ready", TimeSpan.FromSeconds(60), Environment("epoll", inline: true), kind, transport);
        result.AssertSucceeded($"{kind} over {transport} with inline completions");
        Assert.Contains("backend=epoll inline=True", result.Output, StringComparison.Ordinal);
        Assert.Contains("cpu while parked", result.Output, StringComparison.Ordinal);
        Assert.Contains("the awaited one last", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", result.Output.TrimEnd(), StringComparison.Ordinal);
    }
}
