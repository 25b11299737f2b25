namespace Zmq.TestHost;

/// <summary>
/// A thread-safe socket disposed while a ZmqPoller's native draft poller holds it, in every order:
/// the poller must let go of the socket before libzmq frees it (else a use-after-free aborts or
/// corrupts the process), and the next poll is an ObjectDisposedException.
/// </summary>
internal static class DraftPollerLifetimeScenario
{
    public static int Run()
    {
        using var context = new ZmqContext();
        for (int round = 0; round < 200; round++)
        {
            var server = context.CreateSocket(ZmqSocketType.Server);
            var dish = context.CreateSocket(ZmqSocketType.Dish);
            var poller = new ZmqPoller();
            poller.Add(server, ZmqPollEvents.In);
            poller.Add(dish, ZmqPollEvents.In);
            poller.Poll(TimeSpan.Zero); // builds the native poller
            switch (round % 3)
            {
                case 0:
                    server.Dispose();
                    try
                    {
                        poller.Poll(TimeSpan.Zero);
                        Console.WriteLine("FAILED: polling a disposed socket did not throw");
                        return 1;
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                    Thread.Sleep(5); // libzmq's reaper frees the closed socket meanwhile
                    poller.Dispose();
                    dish.Dispose();
                    break;
                case 1:
                    dish.Dispose();
                    server.Dispose();
                    Thread.Sleep(5); // A deliberate interleaving: libzmq's reaper frees the closed sockets meanwhile.
                    poller.Dispose();
                    break;
                default:
                    // Abandoned: the finalizers sort it out in whatever order they run.
                    server = null!;
                    dish = null!;
                    poller = null!;
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    break;
            }
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine("ok");
        return 0;
    }
}
