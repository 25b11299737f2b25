using System.Security.Cryptography;
using System.Text;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Z85, the ZeroMQ Base-85 text encoding of binary keys (<c>zmq_z85_encode(3)</c>,
/// <c>zmq_z85_decode(3)</c>). Bad input is an exception naming what is wrong, never an empty key.
/// </summary>
public static class Z85
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    /// <summary>Encodes <paramref name="data"/>, whose length must be a multiple of 4, as Z85 text.</summary>
    /// <returns>The Z85 text (five characters per four bytes).</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static unsafe string Encode(ReadOnlySpan<byte> data)
    {
        if (data.Length % 4 != 0)
        {
            throw new ArgumentException($"Z85 encodes whole 4-byte groups; got {data.Length} bytes.", nameof(data));
        }
        ZmqLibrary.EnsureLoaded();
        int textLength = data.Length / 4 * 5;
        Span<byte> text = textLength < 1024 ? stackalloc byte[textLength + 1] : new byte[textLength + 1];
        fixed (byte* source = data)
        fixed (byte* target = text)
        {
            if (LibZmq.zmq_z85_encode(target, source, (nuint)data.Length) is null)
            {
                throw new ArgumentException($"zmq_z85_encode rejected {data.Length} bytes.", nameof(data));
            }
        }
        return Encoding.ASCII.GetString(text[..textLength]);
    }

    /// <summary>Decodes Z85 <paramref name="text"/>, whose length must be a multiple of 5.</summary>
    /// <returns>The decoded bytes (four-fifths of the text's length).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The length is not a multiple of 5, or a character is not in the Z85 alphabet (named with its position).</exception>
    public static unsafe byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length % 5 != 0)
        {
            throw new FormatException($"Z85 text comes in 5-character groups; got {text.Length} characters.");
        }
        for (int i = 0; i < text.Length; i++)
        {
            if (!Alphabet.Contains(text[i], StringComparison.Ordinal))
            {
                throw new FormatException($"'{text[i]}' at position {i} is not a Z85 character.");
            }
        }
        if (text.Length == 0)
        {
            return []; // libzmq would return its (null) destination pointer, read as failure.
        }
        ZmqLibrary.EnsureLoaded();
        byte[] result = new byte[text.Length / 5 * 4];
        byte[] ascii = new byte[text.Length + 1];
        Encoding.ASCII.GetBytes(text, ascii);
        fixed (byte* source = ascii)
        fixed (byte* target = result)
        {
            // Check the result even though C# validated first: NULL must never become an empty key.
            if (LibZmq.zmq_z85_decode(target, source) is null)
            {
                throw new FormatException($"zmq_z85_decode rejected '{text}'.");
            }
        }
        return result;
    }

    /// <summary>
    /// Decodes a 40-character Z85 key into 32 bytes of <paramref name="destination"/> with no
    /// intermediate copy left behind: for secret keys. Errors never repeat the text.
    /// </summary>
    /// <exception cref="FormatException">Not 40 characters, or a character outside the Z85 alphabet (named by position only).</exception>
    internal static unsafe void DecodeKey(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.Length != ZmqCurve.Z85KeyLength)
        {
            throw new FormatException($"A Z85 CURVE key is {ZmqCurve.Z85KeyLength} characters; got {text.Length}.");
        }
        Span<byte> ascii = stackalloc byte[ZmqCurve.Z85KeyLength + 1];
        try
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (!Alphabet.Contains(text[i], StringComparison.Ordinal))
                {
                    throw new FormatException($"The character at position {i} is not a Z85 character.");
                }
                ascii[i] = (byte)text[i];
            }
            ascii[^1] = 0;
            ZmqLibrary.EnsureLoaded();
            fixed (byte* source = ascii)
            fixed (byte* target = destination[..ZmqCurveSecretKey.Length])
            {
                if (LibZmq.zmq_z85_decode(target, source) is null)
                {
                    throw new FormatException("zmq_z85_decode rejected the key.");
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ascii);
        }
    }

    /// <summary>Encodes a 32-byte key as 40 Z85 characters into <paramref name="destination"/>, wiping its own scratch.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 40 characters.</exception>
    internal static unsafe void EncodeKey(ReadOnlySpan<byte> key, Span<char> destination)
    {
        if (destination.Length < ZmqCurve.Z85KeyLength)
        {
            throw new ArgumentException($"The destination holds {destination.Length} characters; a Z85 key needs {ZmqCurve.Z85KeyLength}.", nameof(destination));
        }
        Span<byte> ascii = stackalloc byte[ZmqCurve.Z85KeyLength + 1];
        try
        {
            ZmqLibrary.EnsureLoaded();
            fixed (byte* source = key)
            fixed (byte* target = ascii)
            {
                if (LibZmq.zmq_z85_encode(target, source, (nuint)key.Length) is null)
                {
                    throw new ArgumentException($"zmq_z85_encode rejected a {key.Length}-byte key.", nameof(key));
                }
            }
            for (int i = 0; i < ZmqCurve.Z85KeyLength; i++)
            {
                destination[i] = (char)ascii[i];
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ascii);
        }
    }
}
