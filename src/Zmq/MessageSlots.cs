using System.Runtime.CompilerServices;
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

    // One thread-static reference, not the array and its count as two: each thread-static access
    // is a TLS lookup, and Rent and Return are on every message's path.
    [ThreadStatic]
    private static ThreadCache? t_cache;

    private sealed class ThreadCache
    {
        public readonly nint[] Slots = new nint[ThreadCacheSize];
        public int Count;
    }

    /// <summary>A free slot and its current generation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per message built or received into a new one
    public static zmq_msg_t* Rent(out int generation)
    {
        ThreadCache cache = t_cache ?? CreateThreadCache();
        if (cache.Count == 0)
        {
            Refill(cache);
        }
        var slot = (zmq_msg_t*)cache.Slots[--cache.Count];
        generation = Generation(slot);
        return slot;
    }

    /// <summary>Ends the slot's current generation and makes it free again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per message sent or disposed
    public static void Return(zmq_msg_t* slot)
    {
        ((int*)((byte*)slot + zmq_msg_t.Size))[0]++;
        ThreadCache cache = t_cache ?? CreateThreadCache();
        if (cache.Count < ThreadCacheSize)
        {
            cache.Slots[cache.Count++] = (nint)slot;
            return;
        }
        ReturnShared(slot);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReturnShared(zmq_msg_t* slot)
    {
        lock (s_sharedGate)
        {
            s_shared.Push((nint)slot);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ThreadCache CreateThreadCache() => t_cache = new ThreadCache();

    /// <summary>The slot's current generation: a message value is live while it still matches.</summary>
    public static int Generation(zmq_msg_t* slot) => Volatile.Read(ref ((int*)((byte*)slot + zmq_msg_t.Size))[0]);

    private static void Refill(ThreadCache cache)
    {
        lock (s_sharedGate)
        {
            while (cache.Count < ThreadCacheSize / 2 && s_shared.Count > 0)
            {
                cache.Slots[cache.Count++] = s_shared.Pop();
            }
        }
        if (cache.Count > 0)
        {
            return;
        }
        byte* chunk = (byte*)NativeMemory.AlignedAlloc(ChunkSlots * SlotSize, 64);
        NativeMemory.Clear(chunk, ChunkSlots * SlotSize);
        for (int i = 0; i < ChunkSlots; i++)
        {
            nint slot = (nint)(chunk + (i * SlotSize));
            if (cache.Count < ThreadCacheSize)
            {
                cache.Slots[cache.Count++] = slot;
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
