namespace Zmq;

// The escape hatch: any option by number, for options newer than this binding or not named by
// it. The typed properties are preferred: they check ranges and units.
public sealed partial class ZmqSocket
{
    /// <summary>Sets an int option (<c>zmq_setsockopt(3)</c>).</summary>
    /// <exception cref="ZmqException">libzmq rejects the option or value.</exception>
    public void SetOption(ZmqSocketOption option, int value) => SetInt32((int)option, value, option.ToString());

    /// <summary>Sets an int64 option.</summary>
    /// <exception cref="ZmqException">libzmq rejects the option or value.</exception>
    public void SetOption(ZmqSocketOption option, long value) => SetInt64((int)option, value, option.ToString());

    /// <summary>Sets a uint64 option.</summary>
    /// <exception cref="ZmqException">libzmq rejects the option or value.</exception>
    public void SetOption(ZmqSocketOption option, ulong value) => SetUInt64((int)option, value, option.ToString());

    /// <summary>Sets a binary option.</summary>
    /// <exception cref="ZmqException">libzmq rejects the option or value.</exception>
    public void SetOption(ZmqSocketOption option, ReadOnlySpan<byte> value) => SetBytes((int)option, value, option.ToString());

    /// <summary>Sets a string option as UTF-8 (null sets it empty).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the option or value.</exception>
    public void SetOption(ZmqSocketOption option, string? value) => SetString((int)option, value, option.ToString());

    /// <summary>Reads an int option (<c>zmq_getsockopt(3)</c>).</summary>
    /// <returns>The option's value.</returns>
    /// <exception cref="ZmqException">libzmq rejects the option.</exception>
    public int GetOptionInt32(ZmqSocketOption option) => GetInt32((int)option, option.ToString());

    /// <summary>Reads an int64 option.</summary>
    /// <returns>The option's value.</returns>
    /// <exception cref="ZmqException">libzmq rejects the option.</exception>
    public long GetOptionInt64(ZmqSocketOption option) => GetInt64((int)option, option.ToString());

    /// <summary>Reads a uint64 option.</summary>
    /// <returns>The option's value.</returns>
    /// <exception cref="ZmqException">libzmq rejects the option.</exception>
    public ulong GetOptionUInt64(ZmqSocketOption option) => GetUInt64((int)option, option.ToString());

    /// <summary>Reads a binary option into <paramref name="buffer"/>; returns the length written.</summary>
    /// <returns>How many bytes of the value were written to <paramref name="buffer"/>.</returns>
    /// <exception cref="ZmqException">libzmq rejects the option, or the buffer is too small (EINVAL).</exception>
    public int GetOption(ZmqSocketOption option, Span<byte> buffer) => GetBytes((int)option, buffer, option.ToString());

    /// <summary>Reads a string option.</summary>
    /// <returns>The option's value, or null when it is unset.</returns>
    /// <exception cref="ZmqException">libzmq rejects the option.</exception>
    public string GetOptionString(ZmqSocketOption option) => GetString((int)option, option.ToString());
}
