using System.Threading.Tasks.Sources;

namespace Zmq;

/// <summary>
/// Ends an engine wait whose continuation runs on the thread pool (a parked operation completed,
/// failed or cancelled; a queued one given its turn or failed), then kicks every operation waiting on a
/// pool thread (<see cref="DescriptorWait.KickEveryWait"/>): the continuation is work the pool may
/// need that thread for (SocketAsyncContext.Spin.cs). Every such completion goes through here, so
/// none can forget the kick.
/// </summary>
internal static class PoolCompletion
{
    /// <summary>Signals "try again" to the owner, on the thread pool.</summary>
    public static void SetResult(ref ManualResetValueTaskSourceCore<bool> core)
    {
        core.SetResult(true);
        DescriptorWait.KickEveryWait();
    }

    /// <summary>Ends the owner's wait with <paramref name="error"/>, on the thread pool.</summary>
    public static void SetException(ref ManualResetValueTaskSourceCore<bool> core, Exception error)
    {
        core.SetException(error);
        DescriptorWait.KickEveryWait();
    }
}
