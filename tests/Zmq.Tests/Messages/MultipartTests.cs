using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Messages;

public class MultipartTests
{
    [Fact]
    public void Multipart_round_trips_every_frame() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("tcp"));
        byte[][] frames = [[1], [], new byte[70000], [4, 5]];
        a.SendMultipart(frames);
        var received = b.ReceiveMultipart();
        Assert.Equal(frames.Length, received.Count);
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(frames[i], received[i]);
        }
    });

    [Fact]
    public void A_null_frame_is_rejected_before_any_frame_is_sent() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Pair);
        using var b = context.CreateBounded(ZmqSocketType.Pair);
        b.Connect(a.BindAny("inproc"));
        var error = Assert.Throws<ArgumentException>(() => a.SendMultipart([1], null!, [3]));
        Assert.Contains("Frame 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => a.SendMultipart("a", null!));
        Assert.Throws<ArgumentException>(() => a.SendMultipart(ReadOnlySpan<byte[]>.Empty));

        // Nothing leaked onto the wire: the next message arrives whole and first.
        a.SendMultipart("clean", "message");
        Assert.Equal(["clean", "message"], b.ReceiveMultipartStrings());
        Assert.False(b.TryReceive(new byte[8], out _, ZmqReceiveFlags.DontWait));
    });

    [Fact]
    public void A_multipart_send_that_would_block_sends_nothing()
    {
        using var context = new ZmqContext();
        using var push = context.CreateBounded(ZmqSocketType.Push);
        push.Bind(Endpoints.Inproc()); // No peer: a send would block.
        Assert.False(push.TrySendMultipart([[1], [2]], ZmqSendFlags.DontWait));
    }

    [Fact]
    public void Connections_cut_while_large_multipart_messages_cross_deliver_whole_messages_or_none()
    {
        // libzmq 4.3.4 as distributed can abort in this scenario ("Resource temporarily
        // unavailable (src/session_base.cpp:260)", issue #3442): on that library it runs in a child
        // process, so the abort cannot end the whole run (below: what is accepted of it). The
        // bundled library carries the fix (native/patches/0001-…), so there it runs in this process.
        if (ZmqLibrary.Origin == LibZmqOrigin.Bundled)
        {
            var output = new StringWriter();
            var console = Console.Out;
            Console.SetOut(output);
            int exitCode;
            try
            {
                exitCode = Zmq.TestHost.Scenarios.MultipartMessagesAcrossConnectionCuts(5);
            }
            finally
            {
                Console.SetOut(console);
            }
            Assert.True(exitCode == 0, output.ToString());
            Assert.Contains("whole messages: 18", output.ToString(), StringComparison.Ordinal);
            return;
        }
        var result = ChildProcess.RunTestHost("multipart-cuts", TimeSpan.FromSeconds(120), null, "5");
        // The binding's part must hold on either library: no broken message, no stalled stream (the
        // scenario prints either and exits 1), all 18 whole. The unpatched library may abort the
        // process at any moment of the cuts, at exactly the assertion of issue #3442 (SIGABRT, exit
        // 134): that is the defect the bundled library's patch removes, which the Release run on
        // the bundled library tests in-process. That one outcome is named, not failed; any other
        // exit, a hang, or a broken message before the abort still fails.
        Assert.False(result.TimedOut, $"the child hung: {result.Output}{result.Error}");
        string all = result.Output + result.Error;
        Assert.DoesNotContain("a broken message", all, StringComparison.Ordinal);
        Assert.DoesNotContain("the stream stopped", all, StringComparison.Ordinal);
        // The assertion's location only: its text before it is strerror's, which the locale translates.
        bool knownUpstreamAbort = result.ExitCode == 134
            && all.Contains("(src/session_base.cpp:260)", StringComparison.Ordinal);
        if (!knownUpstreamAbort)
        {
            result.AssertSucceeded();
            Assert.Contains("whole messages: 18", result.Output, StringComparison.Ordinal);
        }
    }
}
