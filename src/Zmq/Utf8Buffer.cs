using System.Buffers;
using System.Text;

namespace Zmq;

/// <summary>
/// A string encoded as UTF-8 in the caller's stack buffer when it fits and in a pooled array
/// otherwise, so short frames, endpoints and options allocate nothing. Dispose returns the array.
/// </summary>
internal ref struct Utf8Buffer
{
    private byte[]? _rented;
    private readonly Span<byte> _encoded;

    /// <summary>Encodes a frame or topic: any character, NUL included, is kept.</summary>
    public Utf8Buffer(string value, Span<byte> scratch)
    {
        int needed = Encoding.UTF8.GetMaxByteCount(value.Length) + 1;
        Span<byte> target = scratch;
        if (needed > scratch.Length)
        {
            _rented = ArrayPool<byte>.Shared.Rent(needed);
            target = _rented;
        }
        int written = Encoding.UTF8.GetBytes(value, target);
        target[written] = 0;
        _encoded = target[..(written + 1)];
    }

    /// <summary>Encodes a string for a C call, which would cut it at a NUL, so a NUL is an error.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains a NUL character.</exception>
    public static Utf8Buffer ForCString(string value, Span<byte> scratch, string paramName)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{value.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character, which libzmq would cut the value at.",
                paramName);
        }
        return new Utf8Buffer(value, scratch);
    }

    /// <summary>The encoded bytes.</summary>
    public readonly ReadOnlySpan<byte> Bytes => _encoded[..^1];

    /// <summary>The encoded bytes followed by a NUL, for C strings.</summary>
    public readonly ReadOnlySpan<byte> NulTerminated => _encoded;

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
