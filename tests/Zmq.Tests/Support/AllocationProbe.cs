namespace Zmq.Tests.Support;

/// <summary>Measures what a call allocates on the calling thread once warmed up.</summary>
internal static class AllocationProbe
{
    /// <summary>
    /// Bytes allocated by <paramref name="iterations"/> calls of <paramref name="action"/>, after a
    /// warm-up (JIT, tiering, lazily built state): the least of up to five rounds, stopping at the
    /// first round that allocated nothing, so background noise cannot fail a call that allocates nothing.
    /// </summary>
    public static long Steady(Action action, int iterations = 10_000)
    {
        for (int i = 0; i < 1000; i++)
        {
            action();
        }
        long least = long.MaxValue;
        for (int round = 0; round < 5 && least != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < iterations; i++)
            {
                action();
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
