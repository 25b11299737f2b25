namespace Zmq;

/// <summary>
/// The group names a DISH has received, as strings: a name seen before comes back as the same
/// instance, so receiving with a group allocates nothing once the socket's groups are known.
/// </summary>
/// <remarks>
/// A few entries, each immutable, replaced round-robin when a new name arrives; readers on several
/// threads (a thread-safe DISH) see whole entries or none, and a lost race costs one extra string.
/// </remarks>
internal sealed class GroupNameCache
{
    private const int Capacity = 16;
    private readonly Entry?[] _entries = new Entry?[Capacity];
    private int _next;

    /// <summary>The string for a UTF-8 group name (at most 15 bytes, no NUL).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }
        foreach (Entry? entry in _entries)
        {
            if (entry is not null && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Name;
            }
        }
        var created = new Entry(utf8.ToArray(), System.Text.Encoding.UTF8.GetString(utf8));
        int slot = (int)((uint)Interlocked.Increment(ref _next) % Capacity);
        Volatile.Write(ref _entries[slot], created);
        return created.Name;
    }

    private sealed record Entry(byte[] Utf8, string Name);
}
