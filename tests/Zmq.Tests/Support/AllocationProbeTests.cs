namespace Zmq.Tests.Support;

/// <summary>The allocation probe every allocation test relies on.</summary>
[Collection(ProcessWideStateCollection.Name)] // its noise thread would slow every test beside it
public class AllocationProbeTests
{
    [Fact]
    public void The_allocation_probe_is_not_fooled_by_another_threads_allocations()
    {
        // A loop that allocates nothing, measured while another thread allocates large arrays:
        // the runtime retires this thread's allocation context now and then and its raw counter
        // jumps by the context's unused rest; the probe measures again instead of reporting that.
        bool stop = false;
        var noise = new Thread(() =>
        {
            var keep = new List<byte[]>();
            while (!Volatile.Read(ref stop))
            {
                keep.Add(new byte[100_000]);
                if (keep.Count > 50)
                {
                    keep.Clear();
                }
            }
        }) { IsBackground = true };
        noise.Start();
        try
        {
            long worst = 0;
            for (int round = 0; round < 200; round++)
            {
                var room = new byte[32]; // an allocation context with room left in it
                GC.KeepAlive(room);
                worst = Math.Max(worst, AllocationProbe.Allocated(SpinWithoutAllocating));
            }
            Assert.Equal(0, worst);
        }
        finally
        {
            Volatile.Write(ref stop, true);
            noise.Join();
        }
    }

    private static long s_sink;

    private static void SpinWithoutAllocating()
    {
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++)
        {
            sum += i;
        }
        s_sink = sum;
    }
}
