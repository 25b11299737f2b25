using Zmq;

namespace Zmq.TestHost;

/// <summary>
/// What ZMQ_ASYNC_SPIN does to the process (read once per process, so in a child): prints the
/// number of yields ZmqLibrary.AsyncSpinYields reports and how many spins one receive that has to
/// wait started; or, for a value that is not a number of yields, the error the property and every
/// async operation give (the synchronous calls still work).
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
            // Every async operation fails alike, in its task; the synchronous calls are untouched.
            ValueTask<ZmqReceiveResult> receive = pull.ReceiveAsync(buffer);
            ValueTask send = push.SendAsync("queued"u8.ToArray());
            try
            {
                await receive.AsTask().WaitAsync(Limit);
                Console.WriteLine("FAILED: an awaited receive ran despite the setting");
                return 1;
            }
            catch (InvalidOperationException refused)
            {
                Console.WriteLine($"receive refused: {refused.Message}");
            }
            try
            {
                await send.AsTask().WaitAsync(Limit);
                Console.WriteLine("FAILED: an awaited send ran despite the setting");
                return 1;
            }
            catch (InvalidOperationException refused)
            {
                Console.WriteLine($"send refused: {refused.Message}");
            }
            push.Send("queued"u8);
            pull.ReceiveTimeout = Limit;
            ZmqReceiveResult queued = pull.Receive(buffer);
            Console.WriteLine($"then received {queued.BytesWritten} B synchronously");
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
