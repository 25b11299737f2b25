namespace Zmq.Tests.Support;

/// <summary>
/// Lands a cancellation at a chosen moment of a socket's wait on its descriptor (the send's and
/// the receive's cancellation tests): "before the kick is published" (at the second pool check,
/// between the token's registration, whose callback then finds no kick, and the publish: the wait
/// must see the cancellation itself), "after the kick is published" (in the hook before the sleep:
/// the callback kicks), or "from another thread" while the waiting thread sleeps in its ppoll
/// (only the callback's kick can end that sleep before its budget).
/// </summary>
internal static class WaitCancellation
{
    /// <summary>Sets <paramref name="engine"/>'s hooks; returns the canceller to await after the operation (completed unless from another thread).</summary>
    public static Task Arrange(string when, SocketAsyncContext engine, CancellationTokenSource cancellation)
    {
        switch (when)
        {
            case "before the kick is published":
                int checks = 0;
                engine.ThreadPoolBusyHook = () =>
                {
                    if (++checks == 2)
                    {
                        cancellation.Cancel();
                    }
                    return false;
                };
                return Task.CompletedTask;
            case "after the kick is published":
                engine.SpinYieldHook = cancellation.Cancel;
                return Task.CompletedTask;
            case "from another thread":
                var sleeper = new SleepingThread();
                engine.SpinYieldHook = sleeper.Mark;
                return Task.Run(() =>
                {
                    Assert.True(sleeper.WaitUntilAsleep(), "the wait never slept in its ppoll");
                    cancellation.Cancel();
                });
            default:
                throw new ArgumentOutOfRangeException(nameof(when), when, "unknown moment");
        }
    }
}
