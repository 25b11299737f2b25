using Zmq.Tests.Support;

namespace Zmq.Tests.Diagnostics;

/// <summary>The single diagnostics hook: reports reach every handler, and a throwing handler breaks nothing.</summary>
public class DiagnosticsHookTests
{
    [Fact]
    public void A_throwing_handler_is_dropped_and_the_next_handler_still_runs()
    {
        int reached = 0;
        string marker = Guid.NewGuid().ToString("N");
        EventHandler<ZmqDiagnosticEventArgs> thrower = (_, _) => throw new InvalidOperationException("a logging bug");
        EventHandler<ZmqDiagnosticEventArgs> counter = (_, e) =>
        {
            if (e.Message == marker)
            {
                Interlocked.Increment(ref reached);
            }
        };
        ZmqDiagnostics.Event += thrower;
        ZmqDiagnostics.Event += counter;
        try
        {
            ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Warning, "Test", marker);
            Assert.Equal(1, reached);
        }
        finally
        {
            ZmqDiagnostics.Event -= thrower;
            ZmqDiagnostics.Event -= counter;
        }
        ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Warning, "Test", marker);
        Assert.Equal(1, reached); // unsubscribed
    }

    [Fact]
    public void A_zero_copy_release_that_throws_is_reported_as_an_error() => Watchdog.Run(() =>
    {
        var reports = new List<ZmqDiagnosticEventArgs>();
        EventHandler<ZmqDiagnosticEventArgs> handler = (_, e) => { lock (reports) { reports.Add(e); } };
        ZmqDiagnostics.Event += handler;
        try
        {
            using var context = new ZmqContext();
            using var pull = context.CreateBounded(ZmqSocketType.Pull);
            using var push = context.CreateBounded(ZmqSocketType.Push);
            push.Connect(pull.BindAny("inproc"));
            string why = Guid.NewGuid().ToString("N");
            var message = ZmqMessage.CreateZeroCopy(new byte[1024], () => throw new InvalidOperationException(why));
            push.Send(ref message);
            message.Dispose();
            using (ZmqMessage received = pull.ReceiveMessage())
            {
                Assert.Equal(1024, received.Size);
            }
            EventWaits.Until(() => { lock (reports) { return reports.Any(r => r.Category == "ZeroCopy" && r.Level == ZmqDiagnosticLevel.Error && r.Exception?.Message == why); } },
                "the failed release is reported");
        }
        finally
        {
            ZmqDiagnostics.Event -= handler;
        }
    });
}
