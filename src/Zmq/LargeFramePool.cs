using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq;

// Why a send of a large frame from a span goes through this pool instead of zmq_send.
//
// zmq_send copies the caller's bytes into a frame it allocates with malloc in the calling thread,
// and the frame is freed in another thread once it is gone (libzmq's I/O thread over tcp and ipc,
// the receiving thread over inproc). With glibc, a large frame freed next to the top of its arena's
// heap can give its pages back to the kernel, and the next frame faults them in again; a sender
// whose pipe runs nearly empty frees every frame before it makes the next, falls into that on every
// frame, and stays in it, since the faults slow it and keep the pipe empty. Measured: a blocking
// 64 KiB inproc sender on a thread of its own at half the speed it had with the trim threshold
// raised, with three to four times the page faults; an awaited 64 KiB tcp sender (which continues
// on a pool thread) in that mode in a fifth of runs (docs/performance.md). So a frame of at least
// MinimumLength bytes is copied into a block of this pool instead and handed to libzmq without a
// second copy (zmq_msg_init_data), and libzmq's free function gives the block back here: the blocks
// a stream needs are made once and reused, and never go back to the C library while the pool keeps
// them.
//
// Bounds. Blocks come in power-of-two classes from MinimumLength to MaximumLength (a frame uses the
// smallest class that holds it; a larger frame keeps zmq_send). Each class keeps at most
// RetainedBytesPerClass of free blocks; a block returned beyond that is freed, so a burst that had
// thousands of frames in flight does not stay resident. Blocks that are in flight are libzmq's:
// they are counted, never freed by the pool.
//
// Threads. Return runs wherever libzmq drops the frame's last reference: its I/O thread, the
// receiving thread inside zmq_msg_close or zmq_msg_recv (possibly under that socket's gate), or
// the sending thread when a send fails or libzmq drops the frame at once (a PUB with no subscriber).
// It fills an empty slot by compare-and-swap (a block with no empty slot is freed) and runs no
// user code, so it is safe in all of them; it never waits and never throws (an exception into
// libzmq's thread would end the process). A libzmq thread that enters it waits for a garbage
// collection in progress, as for any callback into .NET: the pool is off with DisableSwitch.
internal static unsafe class LargeFramePool
{
    /// <summary>The smallest frame sent through the pool (32 KiB); smaller ones keep zmq_send.</summary>
    public const int MinimumLength = 32 * 1024;

    private const int ClassCount = 8;

    /// <summary>The largest frame sent through the pool (4 MiB); larger ones keep zmq_send.</summary>
    public const int MaximumLength = MinimumLength << (ClassCount - 1);

    /// <summary>Free blocks each class keeps at most, in bytes (4 MiB: 128 blocks of 32 KiB, one of 4 MiB).</summary>
    public const int RetainedBytesPerClass = 4 * 1024 * 1024;

    private static readonly SizeClass[] s_classes = CreateClasses();

    private sealed class SizeClass(int blockSize)
    {
        public readonly int BlockSize = blockSize;

        /// <summary>The free blocks this class keeps, one per slot; 0 is an empty slot. Taken and
        /// filled by compare-and-swap only, so neither a rent nor a return ever waits.</summary>
        public readonly nint[] Slots = new nint[Math.Max(1, RetainedBytesPerClass / blockSize)];

        public long Made; // blocks allocated in this class's lifetime (tests)
        public long Freed; // blocks given back to the C library (tests)
        public long Outstanding; // blocks rented and not yet returned (tests)
    }

    private static SizeClass[] CreateClasses()
    {
        var classes = new SizeClass[ClassCount];
        for (int i = 0; i < ClassCount; i++)
        {
            classes[i] = new SizeClass(MinimumLength << i);
        }
        return classes;
    }

    /// <summary>
    /// The <see cref="AppContext"/> switch that turns the pool off: every frame then goes through
    /// <c>zmq_send</c>, as without the pool. Read once, when this class is first used, which the JIT
    /// may make as early as the first send of any size: set it in the application's runtimeconfig
    /// (<c>RuntimeHostConfigurationOption</c>), or with <see cref="AppContext.SetSwitch"/> before the
    /// process's first send.
    /// </summary>
    public const string DisableSwitch = "Zmq.DisableLargeFramePool";

    private static readonly bool s_enabled = !(AppContext.TryGetSwitch(DisableSwitch, out bool disabled) && disabled);

    /// <summary>Whether a frame of <paramref name="length"/> bytes goes through the pool.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Takes(int length) => length >= MinimumLength && length <= MaximumLength && s_enabled;

    /// <summary>The class of a frame the pool takes: the smallest whose blocks hold it.</summary>
    public static int ClassOf(int length)
    {
        Debug.Assert(length is >= MinimumLength and <= MaximumLength, "only a frame of the pool's sizes has a class");
        int index = 32 - BitOperations.LeadingZeroCount((uint)(length - 1) / MinimumLength);
        Debug.Assert(index is >= 0 and < ClassCount && s_classes[index].BlockSize >= length
            && (index == 0 || s_classes[index - 1].BlockSize < length), "the smallest class that holds the frame");
        return index;
    }

    /// <summary>
    /// A block of class <paramref name="sizeClass"/>: a free one, or a new one; 0 when none is free
    /// and a new one cannot be allocated. The caller then sends through libzmq's own copy, which
    /// asks for the frame's exact size (a block may be twice that) and fails as it would without
    /// the pool: the pool adds no failure of its own, so no send, and no frame of a multipart
    /// message after others were queued, throws because of it.
    /// </summary>
    public static nint TryRent(int sizeClass)
    {
        if (Volatile.Read(ref s_refuseRentsForTests))
        {
            return 0;
        }
        SizeClass owner = s_classes[sizeClass];
        nint[] slots = owner.Slots;
        nint block = 0;
        for (int i = 0; i < slots.Length && block == 0; i++)
        {
            nint candidate = Volatile.Read(ref slots[i]);
            if (candidate != 0 && Interlocked.CompareExchange(ref slots[i], 0, candidate) == candidate)
            {
                block = candidate; // a slot holds a free block until it is emptied: whoever empties it owns it
            }
        }
        if (block == 0)
        {
            block = Allocate(owner.BlockSize);
            if (block == 0)
            {
                return 0;
            }
            Interlocked.Increment(ref owner.Made);
        }
        Interlocked.Increment(ref owner.Outstanding);
        return block;
    }

    /// <summary>A new block from the C library, or 0 when it has no memory for one.</summary>
    private static nint Allocate(int size)
    {
        try
        {
            return (nint)NativeMemory.Alloc((nuint)size);
        }
        catch (OutOfMemoryException)
        {
            return 0;
        }
    }

    private static bool s_refuseRentsForTests;

    /// <summary>Tests only: every <see cref="TryRent"/> finds no block and no memory, as when the process is out of it.</summary>
    internal static bool RefuseRentsForTests
    {
        get => Volatile.Read(ref s_refuseRentsForTests);
        set => Volatile.Write(ref s_refuseRentsForTests, value);
    }

    /// <summary>
    /// Gives a block back: into the first empty slot of its class, or to the C library when every
    /// slot is full. Never waits, never throws.
    /// </summary>
    public static void Return(nint block, int sizeClass)
    {
        SizeClass owner = s_classes[sizeClass];
        long left = Interlocked.Decrement(ref owner.Outstanding);
        Debug.Assert(left >= 0, "a block is returned once, after it was rented");
        nint[] slots = owner.Slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i]) == 0 && Interlocked.CompareExchange(ref slots[i], block, 0) == 0)
            {
                return;
            }
        }
        NativeMemory.Free((void*)block);
        Interlocked.Increment(ref owner.Freed);
    }

    /// <summary>libzmq's free function for a frame made from a block: the hint is the block's class.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void Release(void* data, void* hint)
    {
        try
        {
            Return((nint)data, (int)(nint)hint);
        }
#pragma warning disable CA1031 // An exception must not cross into libzmq's thread: it would end the process.
        catch (Exception)
        {
            // Return does not throw (it never waits); were it to, the block is lost, not the process.
        }
#pragma warning restore CA1031
    }

    /// <summary>
    /// Tests: in the class of <paramref name="length"/>-byte frames, blocks ever allocated, blocks
    /// given back to the C library, blocks now in libzmq's hands, and free blocks kept (a plain
    /// count of the slots, for when no frame of the class is moving).
    /// </summary>
    internal static (long Made, long Freed, long Outstanding, int Kept) CountsFor(int length)
    {
        SizeClass owner = s_classes[ClassOf(length)];
        int kept = 0;
        foreach (nint slot in owner.Slots)
        {
            kept += slot != 0 ? 1 : 0;
        }
        return (Interlocked.Read(ref owner.Made), Interlocked.Read(ref owner.Freed), Interlocked.Read(ref owner.Outstanding), kept);
    }

    /// <summary>Tests: the size of the blocks of class <paramref name="sizeClass"/>, and how many free ones it keeps at most.</summary>
    internal static (int BlockSize, int MaxKept) ClassShape(int sizeClass) => (s_classes[sizeClass].BlockSize, s_classes[sizeClass].Slots.Length);
}
