using Zmq;

namespace Zmq.TestHost;

/// <summary>
/// What ZMQ_ASYNC_SPIN does to the process (read once per process, so in a child): prints the
/// number of yields ZmqLibrary.AsyncSpinYields reports and how many spins one receive that has to
/// wait started; or, for a value that is not a number of yields, the error the property and such a
/// receive give (the socket stays usable: a frame already queued is still received).
/// </summary>
internal static class SpinSettingScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task<int> Run()
    {
        using var context = new ZmqContext();
        using var pull = context.CreateSocket(ZmqSocketType.Pair);
        using var push = context.CreateSocket(ZmqSocketType.Pair);
        pull.Linger = push.Linger = TimeSpan.Zero;
        pull.Bind("inproc://spin-setting");
        push.Connect("inproc://spin-setting");
        var buffer = new byte[8];
        int yields;
        try
        {
            yields = ZmqLibrary.AsyncSpinYields;
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"setting refused: {e.Message}");
            try
            {
                await pull.ReceiveAsync(buffer).AsTask().WaitAsync(Limit);
                Console.WriteLine("FAILED: a receive that had to wait did not refuse the setting");
                return 1;
            }
            catch (InvalidOperationException refused)
            {
                Console.WriteLine($"receive refused: {refused.Message}");
            }
            push.Send("queued"u8);
            ZmqReceiveResult queued = await pull.ReceiveAsync(buffer).AsTask().WaitAsync(Limit);
            Console.WriteLine($"then received {queued.BytesWritten} B");
            return 0;
        }
        Console.WriteLine($"yields={yields}");
        ValueTask<ZmqReceiveResult> waiting = pull.ReceiveAsync(buffer);
        push.Send("late"u8);
        ZmqReceiveResult late = await waiting.AsTask().WaitAsync(Limit);
        (int started, _) = pull.AsyncContext.ReceiveSpinCounts;
        Console.WriteLine($"received {late.BytesWritten} B; spins started={started}");
        return 0;
    }
}
