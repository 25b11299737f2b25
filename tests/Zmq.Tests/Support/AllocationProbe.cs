namespace Zmq.Tests.Support;

/// <summary>Measures what a call allocates on the calling thread.</summary>
/// <remarks>
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> can jump with nothing allocated: when the
/// runtime retires this thread's allocation context (a collection, or another thread's heavy
/// allocation), the context's unused rest is counted, up to about 8 KB. Measured on this runtime:
/// a loop that allocates nothing, beside a thread allocating 100 KB arrays, read a non-zero count in
/// 157 of 2,000 windows (8,144 bytes at worst), 104 of them with no collection in the window, so a
/// collection count cannot tell a bad window. A jump only adds, and a retired context has no rest
/// left to count again: so a body that read more than nothing is measured once more, and the lesser
/// count kept (a second run, not more). An allocation the body makes on every run still shows; one
/// it makes only now and then can hide in the lesser run, which the tests' bodies, loops of the
/// same call, do not have.
/// </remarks>
internal static class AllocationProbe
{
    /// <summary>
    /// Bytes this thread allocated while running <paramref name="body"/>: the least of up to
    /// <paramref name="runs"/> runs, stopping at one that allocated nothing.
    /// </summary>
    public static long Allocated(Action body, int runs = 2)
    {
        long least = long.MaxValue;
        for (int run = 0; run < runs && least != 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            body();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    /// <summary>
    /// Bytes allocated by <paramref name="iterations"/> calls of <paramref name="action"/>, after a
    /// warm-up (JIT, tiering, lazily built state): the least of up to five rounds, stopping at the
    /// first round that allocated nothing (see the remarks), so background work of the runtime
    /// cannot fail a call that allocates nothing.
    /// </summary>
    public static long Steady(Action action, int iterations = 10_000)
    {
        for (int i = 0; i < 1000; i++)
        {
            action();
        }
        return Allocated(() =>
        {
            for (int i = 0; i < iterations; i++)
            {
                action();
            }
        }, runs: 5);
    }
}
