using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Where <see cref="ZmqMessage"/>s keep their native <c>zmq_msg_t</c>: 64-byte slots in native
/// memory that never moves, each followed by a generation number. A message value holds a slot and
/// the generation it was given; closing the message bumps the generation and returns the slot. So a
/// copy of a message value (C# cannot forbid <c>var b = a;</c> for a ref struct) sees a newer
/// generation once either copy is disposed: it reads as disposed and its Dispose does nothing,
/// instead of closing the native message a second time (a double free for refcounted frames).
/// And since the slot never moves, a span over a small frame (whose bytes libzmq keeps inside the
/// zmq_msg_t) stays valid however the value is copied.
/// </summary>
/// <remarks>
/// Slots are never freed. Each thread keeps a small cache (no lock, no allocation in steady state);
/// beyond it slots go to a shared stack under a lock; new slots come in chunks of 64.
/// </remarks>
internal static unsafe class MessageSlots
{
    private const int SlotSize = zmq_msg_t.Size + sizeof(long); // the message, then its generation
    private const int ChunkSlots = 64;
    private const int ThreadCacheSize = 32;

    private static readonly Lock s_sharedGate = new();
    private static readonly Stack<nint> s_shared = new();

    [ThreadStatic]
    private static nint[]? t_cache;
    [ThreadStatic]
    private static int t_cached;

    /// <summary>A free slot and its current generation.</summary>
    public static zmq_msg_t* Rent(out int generation)
    {
        nint[] cache = t_cache ??= new nint[ThreadCacheSize];
        if (t_cached == 0)
        {
            Refill(cache);
        }
        var slot = (zmq_msg_t*)cache[--t_cached];
        generation = Generation(slot);
        return slot;
    }

    /// <summary>Ends the slot's current generation and makes it free again.</summary>
    public static void Return(zmq_msg_t* slot)
    {
        ((int*)((byte*)slot + zmq_msg_t.Size))[0]++;
        nint[] cache = t_cache ??= new nint[ThreadCacheSize];
        if (t_cached < ThreadCacheSize)
        {
            cache[t_cached++] = (nint)slot;
            return;
        }
        lock (s_sharedGate)
        {
            s_shared.Push((nint)slot);
        }
    }

    /// <summary>The slot's current generation: a message value is live while it still matches.</summary>
    public static int Generation(zmq_msg_t* slot) => Volatile.Read(ref ((int*)((byte*)slot + zmq_msg_t.Size))[0]);

    private static void Refill(nint[] cache)
    {
        lock (s_sharedGate)
        {
            while (t_cached < ThreadCacheSize / 2 && s_shared.Count > 0)
            {
                cache[t_cached++] = s_shared.Pop();
            }
        }
        if (t_cached > 0)
        {
            return;
        }
        byte* chunk = (byte*)NativeMemory.AlignedAlloc(ChunkSlots * SlotSize, 64);
        NativeMemory.Clear(chunk, ChunkSlots * SlotSize);
        for (int i = 0; i < ChunkSlots; i++)
        {
            nint slot = (nint)(chunk + (i * SlotSize));
            if (t_cached < ThreadCacheSize)
            {
                cache[t_cached++] = slot;
            }
            else
            {
                lock (s_sharedGate)
                {
                    s_shared.Push(slot);
                }
            }
        }
    }
}
