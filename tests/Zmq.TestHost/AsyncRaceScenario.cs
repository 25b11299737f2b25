namespace Zmq.TestHost;

/// <summary>
/// The race workloads in a child process, so the suite can run them on a backend chosen by
/// ZMQ_ASYNC_BACKEND (the reactor picks its backend once per process).
/// </summary>
internal static class AsyncRaceScenario
{
    public static async Task<int> Run()
    {
        Console.WriteLine($"backend={ZmqLibrary.AsyncBackend} inline={ZmqLibrary.AsyncInlineCompletions}");
        try
        {
            await AsyncWorkloads.FullDuplex("inproc", rounds: 4, frames: 100_000);
            await AsyncWorkloads.FullDuplex("tcp", rounds: 2, frames: 50_000);
            Console.WriteLine($"cancel races: {await AsyncWorkloads.CancelRaces(3_000, seed: 7)}");
            Console.WriteLine($"dispose races: {await AsyncWorkloads.DisposeRaces(1_000, seed: 8)}");
            await AsyncWorkloads.ParkedReceiveCompletes();
        }
        catch (AsyncWorkloadFailure failure)
        {
            Console.WriteLine($"FAILED: {failure.Message}");
            return 1;
        }
        Console.WriteLine("ok");
        return 0;
    }
}
