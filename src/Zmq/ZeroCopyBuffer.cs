using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq;

/// <summary>
/// Keeps the managed memory of a zero-copy message pinned until libzmq is done with it, then
/// releases it exactly once from libzmq's free callback, which runs on an I/O thread.
/// </summary>
internal sealed class ZeroCopyBuffer
{
    private static long s_released;
    private MemoryHandle _pin;
    private readonly Action? _released;
    private int _done;

    private ZeroCopyBuffer(ReadOnlyMemory<byte> memory, Action? released)
    {
        _pin = memory.Pin();
        _released = released;
    }

    /// <summary>How many zero-copy buffers libzmq has released so far (for tests).</summary>
    public static long ReleasedCount => Interlocked.Read(ref s_released);

    public static unsafe (nint Hint, nint Data) Pin(ReadOnlyMemory<byte> memory, Action? released)
    {
        var buffer = new ZeroCopyBuffer(memory, released);
        return (GCHandle.ToIntPtr(GCHandle.Alloc(buffer)), (nint)buffer._pin.Pointer);
    }

    /// <summary>Releases a buffer whose message was never created (zmq_msg_init_data failed).</summary>
    public static void Abandon(nint hint) => FromHint(hint)?.Release();

    /// <summary>libzmq's free function: must never throw into native code.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe void Free(void* data, void* hint)
    {
        try
        {
            FromHint((nint)hint)?.Release();
        }
#pragma warning disable CA1031 // An exception must not cross into libzmq's I/O thread: it would abort the process.
        catch (Exception error)
        {
            ZmqMessage.ReportReleaseCallbackFailure(error);
        }
#pragma warning restore CA1031
    }

    private static ZeroCopyBuffer? FromHint(nint hint)
    {
        if (hint == 0)
        {
            return null;
        }
        GCHandle handle = GCHandle.FromIntPtr(hint);
        var buffer = (ZeroCopyBuffer?)handle.Target;
        handle.Free();
        return buffer;
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }
        _pin.Dispose();
        Interlocked.Increment(ref s_released);
        _released?.Invoke();
    }
}
