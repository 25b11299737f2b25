namespace Zmq.Tests.Support;

/// <summary>
/// Runs a test body on its own thread and fails the test if it does not finish in time, so a hang
/// in native code fails one test instead of stalling the whole run.
/// </summary>
internal static class Watchdog
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static void Run(Action body) => Run(Default, body);

    public static void Run(TimeSpan limit, Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = "watchdog-test-body" };
        thread.Start();
        if (!thread.Join(limit))
        {
            Assert.Fail($"The test did not finish within {limit.TotalSeconds} s (watchdog); it is probably hung.");
        }
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
