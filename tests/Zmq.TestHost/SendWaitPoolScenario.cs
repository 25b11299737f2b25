using Zmq;

namespace Zmq.TestHost;

/// <summary>
/// A send at the high-water mark sleeps on the thread that called it; on a thread-pool thread the
/// pool may need that thread (run with DOTNET_PROCESSOR_COUNT=1: one worker, so whatever is queued
/// waits for it). Everything below runs on that one worker. <c>queued</c>: a work item is queued
/// before the send, which must park at once instead of sleeping. <c>completion</c>: the sleep
/// begins with the pool idle, then the reactor completes a parked receive of another socket, whose
/// continuation goes to the pool: the send must wake and park. <c>kick</c>: the wait is kicked as a
/// pool completion kicks it (DescriptorWait.KickEveryWait) with nothing left in the pool's queue,
/// as when another worker has already taken the continuation: the send must still park, not sleep
/// again (under a stream of completions it would wake and sleep for each). Prints what happened;
/// the test reads it.
/// </summary>
internal static class SendWaitPoolScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<int> Run(string mode)
    {
        using var context = new ZmqContext();
        using var pull = context.CreateSocket(ZmqSocketType.Pull);
        using var push = context.CreateSocket(ZmqSocketType.Push);
        using var other = context.CreateSocket(ZmqSocketType.Pair);
        using var otherPeer = context.CreateSocket(ZmqSocketType.Pair);
        pull.Linger = push.Linger = other.Linger = otherPeer.Linger = TimeSpan.Zero;
        push.SendHighWatermark = 1;
        // Ended by the completion's kick, never by the clock: a send preempted for longer than the
        // default budget on a loaded CPU would otherwise time out before the reactor's completion.
        push.AsyncContext.DescriptorWaitBudget = TimeSpan.FromSeconds(20);
        pull.ReceiveHighWatermark = 1;
        pull.Bind("inproc://send-wait-pool");
        push.Connect("inproc://send-wait-pool");
        other.Bind("inproc://send-wait-pool-other");
        otherPeer.Connect("inproc://send-wait-pool-other");
        int fill = 0;
        while (push.TrySend("fill"u8, ZmqSendFlags.DontWait))
        {
            fill++;
        }
        string report = await Task.Run(async () =>
        {
            var buffer = new byte[8];
            bool queuedRan = false;
            bool slept = false;
            ValueTask<ZmqReceiveResult> otherReceive = default;
            if (mode == "queued")
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => Volatile.Write(ref queuedRan, true), null);
            }
            else if (mode == "kick")
            {
                push.AsyncContext.SpinYieldHook = () =>
                {
                    push.AsyncContext.SpinYieldHook = null;
                    slept = true;
                    DescriptorWait.KickEveryWait(); // written before the sleep begins: it wakes the sleep at once
                };
            }
            else
            {
                // Parked now, completed by the reactor during the send's sleep.
                otherReceive = other.ReceiveAsync(buffer);
                push.AsyncContext.SpinYieldHook = () =>
                {
                    push.AsyncContext.SpinYieldHook = null;
                    slept = true;
                    otherPeer.Send("wake"u8); // the reactor hears it and queues the receive's continuation
                };
            }
            long pendingBefore = ThreadPool.PendingWorkItemCount;
            ValueTask send = push.SendAsync("last"u8.ToArray());
            string state = $"send pending {!send.IsCompleted}, parks {push.AsyncContext.EngineParks}, waits {push.AsyncContext.SendWaitCounts.Started}, " +
                $"timed out {push.AsyncContext.SendWaitTimeouts}, queued item ran {Volatile.Read(ref queuedRan)}, sleeps prepared {push.AsyncContext.SendWaitSleepsPrepared}";
            if (mode != "queued")
            {
                state += $", slept {slept}";
                if (!slept && mode == "completion")
                {
                    state += $" (pool items queued before the send {pendingBefore}, engine parks of the other socket {other.AsyncContext.EngineParks})";
                    // The pool held work when the wait began, so it never slept: say so rather than
                    // wait for a wake-up nobody sends.
                    otherPeer.Send("wake"u8);
                }
            }
            // Let the pool run what it queued, then make the room.
            await Task.Yield();
            if (mode == "completion")
            {
                await otherReceive.AsTask().WaitAsync(Limit);
            }
            var drain = new byte[8];
            for (int i = 0; i < fill; i++)
            {
                pull.Receive(drain);
            }
            await send.AsTask().WaitAsync(Limit);
            return state;
        }).WaitAsync(Limit);
        Console.WriteLine($"pool workers {Environment.ProcessorCount} CPU, {mode}: {report}");
        return 0;
    }
}
