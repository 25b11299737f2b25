using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Zmq.Interop;

namespace Zmq;

// zmq_getsockopt/zmq_setsockopt for each C type an option can have (int, int64, uint64, binary,
// string). Every failure names the option, so "Invalid argument" is never the whole story.
public sealed partial class ZmqSocket
{
    private const int StringOptionCapacity = 1024;

    /// <summary>Reads a fixed-size option (int, int64, uint64) of the C type <typeparamref name="T"/>.</summary>
    private unsafe T GetValue<T>(int option, string name)
        where T : unmanaged
    {
        ThrowIfDisposed();
        T value;
        nuint size = (nuint)sizeof(T);
        EnterSync(name);
        try
        {
            if (LibZmq.zmq_getsockopt(_handle, option, &value, &size) != 0)
            {
                ThrowOptionFailure("zmq_getsockopt", option, name);
            }
        }
        finally
        {
            ExitSync();
        }
        return value;
    }

    /// <summary>Sets a fixed-size option (int, int64, uint64) of the C type <typeparamref name="T"/>.</summary>
    private unsafe void SetValue<T>(int option, T value, string name)
        where T : unmanaged
    {
        ThrowIfDisposed();
        EnterSync(name);
        try
        {
            if (LibZmq.zmq_setsockopt(_handle, option, &value, (nuint)sizeof(T)) != 0)
            {
                ThrowOptionFailure("zmq_setsockopt", option, name, value is ulong u ? unchecked((long)u) : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            ExitSync();
        }
    }

    private int GetInt32(int option, string name) => GetValue<int>(option, name);

    private void SetInt32(int option, int value, string name)
    {
        SetValue(option, value, name);
        if (option == LibZmq.ZMQ_RCVTIMEO)
        {
            _receiveTimeoutMs = value;
        }
        else if (option == LibZmq.ZMQ_SNDTIMEO)
        {
            _sendTimeoutMs = value;
        }
    }

    /// <summary>Sets an int option without the disposed check, the gate or the timeout cache (the EINTR
    /// retry path, which already holds the gate).</summary>
    private unsafe void SetInt32Native(int option, int value, string name)
    {
        if (LibZmq.zmq_setsockopt(_handle, option, &value, sizeof(int)) != 0)
        {
            ThrowOptionFailure("zmq_setsockopt", option, name, value);
        }
    }

    private long GetInt64(int option, string name) => GetValue<long>(option, name);

    private void SetInt64(int option, long value, string name) => SetValue(option, value, name);

    private ulong GetUInt64(int option, string name) => GetValue<ulong>(option, name);

    private void SetUInt64(int option, ulong value, string name) => SetValue(option, value, name);

    private bool GetBoolean(int option, string name) => GetInt32(option, name) != 0;

    private void SetBoolean(int option, bool value, string name) => SetInt32(option, value ? 1 : 0, name);

    /// <summary>Reads a binary option into <paramref name="buffer"/>; returns the length libzmq wrote.</summary>
    private unsafe int GetBytes(int option, Span<byte> buffer, string name)
    {
        ThrowIfDisposed();
        nuint size = (nuint)buffer.Length;
        EnterSync(name);
        try
        {
            fixed (byte* p = buffer)
            {
                if (LibZmq.zmq_getsockopt(_handle, option, p, &size) != 0)
                {
                    ThrowOptionFailure("zmq_getsockopt", option, name);
                }
            }
        }
        finally
        {
            ExitSync();
        }
        return (int)size;
    }

    private byte[] GetBytes(int option, int capacity, string name)
    {
        Span<byte> buffer = stackalloc byte[capacity];
        int length = GetBytes(option, buffer, name);
        return buffer[..length].ToArray();
    }

    private unsafe void SetBytes(int option, ReadOnlySpan<byte> value, string name)
    {
        ThrowIfDisposed();
        EnterSync(name);
        try
        {
            fixed (byte* p = value)
            {
                if (LibZmq.zmq_setsockopt(_handle, option, p, (nuint)value.Length) != 0)
                {
                    ThrowOptionFailure("zmq_setsockopt", option, name, length: value.Length);
                }
            }
        }
        finally
        {
            ExitSync();
        }
    }

    private string GetString(int option, string name)
    {
        Span<byte> buffer = stackalloc byte[StringOptionCapacity];
        int length = GetBytes(option, buffer, name);
        // String options come back NUL-terminated, and the length includes the NUL.
        ReadOnlySpan<byte> text = buffer[..length];
        int nul = text.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? text[..nul] : text);
    }

    private void SetString(int option, string? value, string name)
    {
        if (value is null)
        {
            SetBytes(option, [], name);
            return;
        }
        Span<byte> scratch = stackalloc byte[256];
        using var text = Utf8Buffer.ForCString(value, scratch, name);
        SetBytes(option, text.Bytes, name);
    }

    /// <summary>Throws for a failed option call; reads errno before formatting anything.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOptionFailure(string operation, int option, string name, long? value = null, int? length = null)
    {
        int errno = LibZmq.zmq_errno();
        string subject = $"{name} ({OptionNameTable.NativeName(option)})";
        if (value is not null)
        {
            subject += $" = {value}";
        }
        else if (length is not null)
        {
            subject += $" ({length} bytes)";
        }
        if (ErrnoTable.ToError(errno) == ZmqError.InvalidArgument && CapabilityOf(option) is string capability && !ZmqLibrary.Has(capability))
        {
            // libzmq answers EINVAL for the options of a capability it was built without; say so.
            throw new NotSupportedException(
                $"{operation} failed for option {subject}: the loaded libzmq ({ZmqLibrary.Path}) was built without "
                + $"{capability.ToUpperInvariant()} (ZmqLibrary.Has(\"{capability}\") is false).");
        }
        throw ThrowHelper.Create(errno, operation, option: subject);
    }

    /// <summary>The <c>zmq_has</c> capability an option belongs to, or null for options every build has.</summary>
    private static string? CapabilityOf(int option) => option switch
    {
        LibZmq.ZMQ_GSSAPI_SERVER or LibZmq.ZMQ_GSSAPI_PRINCIPAL or LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL
            or LibZmq.ZMQ_GSSAPI_PLAINTEXT or LibZmq.ZMQ_GSSAPI_PRINCIPAL_NAMETYPE
            or LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE => "gssapi",
        LibZmq.ZMQ_CURVE_SERVER or LibZmq.ZMQ_CURVE_PUBLICKEY or LibZmq.ZMQ_CURVE_SECRETKEY
            or LibZmq.ZMQ_CURVE_SERVERKEY => "curve",
        >= LibZmq.Draft.FirstOption and <= LibZmq.Draft.LastOption => "draft",
        _ => null,
    };

    private static byte[] CheckLength(byte[] value, int minimum, int maximum, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length < minimum || value.Length > maximum)
        {
            string expected = minimum == maximum ? $"exactly {minimum}" : $"{minimum} to {maximum}";
            throw new ArgumentException($"{name} must be {expected} bytes long; got {value.Length}.", name);
        }
        return value;
    }
}
