using System.Diagnostics;
using Zmq;

namespace Zmq.TestHost;

/// <summary>
/// A send at the high-water mark waits on a thread-pool thread; with as few pool workers as CPUs
/// (run with DOTNET_PROCESSOR_COUNT=1: one worker) the work it would hold up can be the very
/// continuation that makes its room (the awaited receive on the other end of an inproc pipe).
/// Streams <c>count</c> frames through PUSH→PULL, both ends awaited on the pool, and prints how
/// many of the sender's waits slept to their timeout: each is a stall the pool could not escape.
/// </summary>
internal static class SendWaitPoolScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<int> Run(int count)
    {
        using var context = new ZmqContext();
        using var pull = context.CreateSocket(ZmqSocketType.Pull);
        using var push = context.CreateSocket(ZmqSocketType.Push);
        pull.Linger = push.Linger = TimeSpan.Zero;
        pull.Bind("inproc://send-wait-pool");
        push.Connect("inproc://send-wait-pool");
        var payload = new byte[1024];
        var watch = Stopwatch.StartNew();
        Task sending = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++)
            {
                await push.SendAsync(payload);
            }
        });
        Task receiving = Task.Run(async () =>
        {
            var buffer = new byte[1024];
            for (int i = 0; i < count; i++)
            {
                ZmqReceiveResult got = await pull.ReceiveAsync(buffer);
                if (got.BytesWritten != payload.Length)
                {
                    throw new InvalidOperationException($"frame {i}: {got.BytesWritten} B");
                }
            }
        });
        await Task.WhenAll(sending, receiving).WaitAsync(Limit);
        (int started, int caught) = push.AsyncContext.SendWaitCounts;
        Console.WriteLine($"pool workers {Environment.ProcessorCount} CPU; {count} frames in {watch.ElapsedMilliseconds} ms; send waits {started}, caught {caught}, timed out {push.AsyncContext.SendWaitTimeouts}");
        return 0;
    }
}
