using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq;

/// <summary>
/// Keeps the managed memory of a zero-copy message pinned until libzmq is done with it, then
/// releases it exactly once from libzmq's free callback, which runs on an I/O thread (or on the
/// thread that closes the last copy of an inproc message).
/// </summary>
/// <remarks>
/// Buffers are pooled, each with a GC handle to itself made once for its whole life, so a
/// zero-copy send allocates nothing in steady state: the hint libzmq hands back is that handle.
/// libzmq calls the free function exactly once per message, so a buffer goes back to the pool only
/// after its message is gone.
/// <para>The pin is dropped in the free callback itself, but the user's release callback never runs
/// there: libzmq calls it on its I/O thread (a slow or blocking callback would stall every
/// connection of the context, and one that sends on that context can deadlock it) or inside
/// another call's <c>zmq_msg_close</c>/<c>zmq_msg_recv</c>, with that socket's gate held (a callback
/// touching that socket would be refused as concurrent use). So the buffer queues itself to the
/// thread pool as its own work item (no allocation) and runs the callback there, then goes back to
/// the pool.</para>
/// </remarks>
internal sealed class ZeroCopyBuffer : IThreadPoolWorkItem
{
    private const int MaxPooled = 256;
    private static readonly ConcurrentQueue<ZeroCopyBuffer> s_pool = new();
    private static int s_pooled;
    private static long s_released;

    private readonly nint _self;
    private MemoryHandle _pin;
    private Action? _released;
    private int _done;

    private ZeroCopyBuffer() => _self = GCHandle.ToIntPtr(GCHandle.Alloc(this));

    /// <summary>How many zero-copy buffers libzmq has released so far (for tests).</summary>
    public static long ReleasedCount => Interlocked.Read(ref s_released);

    public static unsafe (nint Hint, nint Data) Pin(ReadOnlyMemory<byte> memory, Action? released)
    {
        if (s_pool.TryDequeue(out ZeroCopyBuffer? buffer))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            buffer = new ZeroCopyBuffer();
        }
        buffer._pin = memory.Pin();
        buffer._released = released;
        Volatile.Write(ref buffer._done, 0);
        return (buffer._self, (nint)buffer._pin.Pointer);
    }

    /// <summary>
    /// Releases a buffer whose message was never created (zmq_msg_init_data failed): on the calling
    /// thread, callback included, before CreateZeroCopy throws, so a caller that reuses the memory in
    /// its catch block never races the callback. No gate is held there and libzmq is not involved.
    /// </summary>
    public static void Abandon(nint hint) => FromHint(hint)?.Release(callbackHere: true);

    /// <summary>libzmq's free function: must never throw into native code.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe void Free(void* data, void* hint)
    {
        try
        {
            FromHint((nint)hint)?.Release(callbackHere: false);
        }
#pragma warning disable CA1031 // An exception must not cross into libzmq's I/O thread: it would abort the process.
        catch (Exception error)
        {
            ZmqMessage.ReportReleaseCallbackFailure(error);
        }
#pragma warning restore CA1031
    }

    private static ZeroCopyBuffer? FromHint(nint hint) => hint == 0 ? null : (ZeroCopyBuffer?)GCHandle.FromIntPtr(hint).Target;

    /// <summary>Drops the pin once; then the callback runs here or, from libzmq, on the thread pool.</summary>
    private void Release(bool callbackHere)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }
        _pin.Dispose();
        _pin = default;
        Interlocked.Increment(ref s_released);
        if (_released is null)
        {
            ReturnToPool();
            return;
        }
        if (callbackHere)
        {
            RunCallback();
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Runs the user's release callback on a thread-pool thread, then returns to the pool.</summary>
    void IThreadPoolWorkItem.Execute() => RunCallback();

    private void RunCallback()
    {
        Action? released = _released;
        _released = null;
        System.Diagnostics.Debug.Assert(released is not null && Volatile.Read(ref _done) == 1, "run only once released, with a callback");
        try
        {
            released!.Invoke();
        }
#pragma warning disable CA1031 // An exception on a thread-pool thread would end the process: it is reported instead.
        catch (Exception error)
        {
            ZmqMessage.ReportReleaseCallbackFailure(error);
        }
#pragma warning restore CA1031
        finally
        {
            ReturnToPool();
        }
    }

    private void ReturnToPool()
    {
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            s_pool.Enqueue(this);
            return;
        }
        Interlocked.Decrement(ref s_pooled);
        GCHandle.FromIntPtr(_self).Free();
    }
}
