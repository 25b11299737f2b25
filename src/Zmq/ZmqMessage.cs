using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// A native libzmq message (<c>zmq_msg_t</c>, <c>zmq_msg_init(3)</c>) held on the stack: a frame of any
/// size received or sent without a managed copy or allocation.
/// </summary>
/// <remarks>
/// <para>libzmq keeps frames of up to 33 bytes inside the 64-byte struct itself, which is why this is
/// a <c>ref struct</c>: it cannot be boxed or stored on the heap, so it never moves while a span over
/// <see cref="Data"/> is alive. Do not copy it into a second variable: both would own the same
/// native message.</para>
/// <para><see cref="Data"/> is valid until the message is disposed or received into again.
/// <see cref="Dispose"/> is idempotent; reading a disposed message gives an empty span, never
/// an access to freed memory.</para>
/// </remarks>
public unsafe ref struct ZmqMessage
{
#pragma warning disable CS0649 // Written by libzmq through Pointer, never by C# assignment.
    private zmq_msg_t _msg;
#pragma warning restore CS0649
    private bool _initialized;

    /// <summary>Creates an empty message (<c>zmq_msg_init</c>), ready to receive into.</summary>
    public ZmqMessage()
    {
        ZmqLibrary.EnsureLoaded();
        LibZmq.zmq_msg_init(Pointer);
        _initialized = true;
    }

    /// <summary>Creates a message of <paramref name="size"/> bytes (<c>zmq_msg_init_size</c>) to fill
    /// through <see cref="ZmqMessageExtensions.GetWritableSpan"/> and send.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    /// <exception cref="ZmqException">libzmq could not allocate it (ENOMEM).</exception>
    public ZmqMessage(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ZmqLibrary.EnsureLoaded();
        if (LibZmq.zmq_msg_init_size(Pointer, (nuint)size) != 0)
        {
            ThrowHelper.ThrowLastError("zmq_msg_init_size", option: "size", value: size);
        }
        _initialized = true;
    }

    /// <summary>Creates a message holding a copy of <paramref name="data"/>.</summary>
    /// <exception cref="ZmqException">libzmq could not allocate it (ENOMEM).</exception>
    public ZmqMessage(ReadOnlySpan<byte> data) : this(data.Length)
    {
        data.CopyTo(WritableSpan());
    }

    /// <summary>Creates a message holding <paramref name="text"/> as UTF-8.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public ZmqMessage(string text) : this(Encoding.UTF8.GetByteCount(text ?? throw new ArgumentNullException(nameof(text))))
    {
        Encoding.UTF8.GetBytes(text, WritableSpan());
    }

    /// <summary>
    /// Raised, on the libzmq I/O thread that freed the message, when a zero-copy message's release
    /// callback (see <see cref="CreateZeroCopy"/>) threw. The exception is the event's
    /// <see cref="UnhandledExceptionEventArgs.ExceptionObject"/>; it was contained, so
    /// <see cref="UnhandledExceptionEventArgs.IsTerminating"/> is false. A handler that throws is
    /// ignored too.
    /// </summary>
    public static event UnhandledExceptionEventHandler? ReleaseCallbackFailed;

    /// <summary>Reports a release callback's exception; never throws.</summary>
    internal static void ReportReleaseCallbackFailure(Exception error)
    {
        System.Diagnostics.Trace.TraceError($"Zmq: a zero-copy message's release callback threw; the exception was contained. {error}");
        try
        {
            ReleaseCallbackFailed?.Invoke(typeof(ZmqMessage), new UnhandledExceptionEventArgs(error, isTerminating: false));
        }
#pragma warning disable CA1031 // Runs on a libzmq I/O thread: nothing may escape.
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    /// <summary>
    /// Creates a message over <paramref name="data"/> without copying it (<c>zmq_msg_init_data(3)</c>).
    /// The memory stays pinned, and must not change, until libzmq has sent the message and freed it:
    /// then <paramref name="released"/> runs, exactly once, on a libzmq I/O thread. It must not throw:
    /// an exception never reaches libzmq (it would abort the process); it is reported through
    /// <see cref="ReleaseCallbackFailed"/> and <see cref="System.Diagnostics.Trace"/>. Worth it for
    /// large buffers only: see the README for the size from which it beats the copying send.
    /// </summary>
    /// <exception cref="ZmqException">libzmq could not create the message.</exception>
    public static unsafe ZmqMessage CreateZeroCopy(ReadOnlyMemory<byte> data, Action? released = null)
    {
        ZmqLibrary.EnsureLoaded();
        var message = default(ZmqMessage);
        var (hint, pointer) = ZeroCopyBuffer.Pin(data, released);
        if (LibZmq.zmq_msg_init_data(message.Pointer, (void*)pointer, (nuint)data.Length, &ZeroCopyBuffer.Free, (void*)hint) != 0)
        {
            int errno = LibZmq.zmq_errno();
            ZeroCopyBuffer.Abandon(hint);
            ThrowHelper.ThrowErrno(errno, "zmq_msg_init_data", option: "size " + data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        message._initialized = true;
        return message;
    }

    /// <summary>Whether the message holds a live native message (false once disposed).</summary>
    public readonly bool IsInitialized => _initialized;

    /// <summary>The frame's size in bytes (<c>zmq_msg_size(3)</c>); 0 once disposed.</summary>
    /// <exception cref="OverflowException">The frame is over <see cref="int.MaxValue"/> bytes; read <see cref="LongSize"/>.</exception>
    public readonly int Size => SpanLength();

    /// <summary>The frame's size in bytes (<c>zmq_msg_size(3)</c>) at its full <c>size_t</c> width; 0 once disposed.</summary>
    public readonly long LongSize => _initialized ? (long)LibZmq.zmq_msg_size(ReadOnlyPointer) : 0;

    /// <summary>
    /// The frame's bytes (<c>zmq_msg_data(3)</c>), without a copy. Valid until the message is disposed
    /// or reused; empty once disposed.
    /// </summary>
    /// <exception cref="OverflowException">The frame is over <see cref="int.MaxValue"/> bytes, more than a span can cover.</exception>
    public readonly ReadOnlySpan<byte> Data => _initialized
        ? new ReadOnlySpan<byte>(LibZmq.zmq_msg_data(ReadOnlyPointer), SpanLength())
        : default;

    /// <summary>
    /// Whether more frames of the same multipart message follow this one (<c>zmq_msg_more(3)</c>).
    /// </summary>
    public readonly bool HasMore => _initialized && LibZmq.zmq_msg_more(ReadOnlyPointer) == 1;

    /// <summary>The writable bytes; public through <see cref="ZmqMessageExtensions.GetWritableSpan"/>.</summary>
    internal Span<byte> WritableSpan()
    {
        ThrowIfNotInitialized();
        return new Span<byte>(LibZmq.zmq_msg_data(Pointer), (int)LibZmq.zmq_msg_size(Pointer));
    }

    /// <summary>The frame decoded as UTF-8.</summary>
    public readonly string ToUtf8String() => Encoding.UTF8.GetString(Data);

    /// <summary>
    /// Reads a metadata property of a received message (<c>zmq_msg_gets(3)</c>), such as
    /// "Peer-Address", "Socket-Type", "Routing-Id" or "User-Id"; null when the message has none.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="property"/> is null, empty or contains NUL.</exception>
    public readonly string? GetMetadata(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        if (!_initialized)
        {
            return null;
        }
        Span<byte> scratch = stackalloc byte[64];
        using var name = Utf8Buffer.ForCString(property, scratch, nameof(property));
        fixed (byte* p = name.NulTerminated)
        {
            byte* value = LibZmq.zmq_msg_gets(ReadOnlyPointer, p);
            return value is null ? null : Marshal.PtrToStringUTF8((nint)value);
        }
    }

    /// <summary>Releases the native message (<c>zmq_msg_close(3)</c>). Idempotent.</summary>
    public void Dispose()
    {
        if (_initialized)
        {
            _initialized = false;
            LibZmq.zmq_msg_close(Pointer);
        }
    }

    // The struct lives on the stack (ref struct), so its address is stable without pinning.
    private zmq_msg_t* Pointer => (zmq_msg_t*)Unsafe.AsPointer(ref _msg);

    private readonly zmq_msg_t* ReadOnlyPointer => (zmq_msg_t*)Unsafe.AsPointer(ref Unsafe.AsRef(in _msg));

    internal zmq_msg_t* GetPointerForReceive()
    {
        if (!_initialized)
        {
            ZmqLibrary.EnsureLoaded();
            LibZmq.zmq_msg_init(Pointer);
            _initialized = true;
        }
        return Pointer;
    }

    /// <summary>
    /// A successful zmq_msg_send leaves the message empty and, per zmq_msg_send(3), needing no
    /// zmq_msg_close: forget it, which saves that native call on every send.
    /// </summary>
    internal void MarkSent() => _initialized = false;

    internal zmq_msg_t* GetPointerForSend()
    {
        ThrowIfNotInitialized();
        return Pointer;
    }

    private readonly void ThrowIfNotInitialized()
    {
        if (!_initialized)
        {
            throw new ObjectDisposedException(nameof(ZmqMessage), "The message was disposed (or never initialized); create a new one.");
        }
    }

    /// <summary>The size as a span length; a frame past 2 GiB is an error, never a wrapped, wrong length.</summary>
    private readonly int SpanLength()
    {
        if (!_initialized)
        {
            return 0;
        }
        nuint size = LibZmq.zmq_msg_size(ReadOnlyPointer);
        return size <= int.MaxValue
            ? (int)size
            : throw new OverflowException($"The frame is {size} bytes, more than the {int.MaxValue} a span can cover (LongSize gives the full size).");
    }
}
