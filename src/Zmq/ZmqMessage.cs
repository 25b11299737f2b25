using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// A native libzmq message (<c>zmq_msg_t</c>, <c>zmq_msg_init(3)</c>): a frame of any size received or
/// sent without a managed copy or allocation.
/// </summary>
/// <remarks>
/// <para>The native message lives in memory that never moves (a pooled slot), and the value holds it
/// with a generation number. Copies of the value therefore share one message: the first
/// <see cref="Dispose"/> (or successful send) of any copy ends it for all of them, the others then
/// read as disposed, and disposing them does nothing, so a message is never closed twice.</para>
/// <para><see cref="Data"/> is valid until the message is disposed or received into again.
/// <see cref="Dispose"/> is idempotent; reading a disposed message gives an empty span, never
/// an access to freed memory. It is a <c>ref struct</c> so it cannot be boxed or kept on the heap
/// past the scope that must dispose it.</para>
/// </remarks>
/// <example>
/// Receiving without a copy, and forwarding the same native message on:
/// <code>
/// using var frame = from.ReceiveMessage();   // the bytes stay in libzmq's memory
/// Console.WriteLine(frame.Size);
/// to.Send(frame);                             // sent as is; the using's Dispose then does nothing
/// </code>
/// </example>
public unsafe ref struct ZmqMessage
{
    private zmq_msg_t* _slot;
    private int _generation;

    /// <summary>Creates an empty message (<c>zmq_msg_init</c>), ready to receive into.</summary>
    public ZmqMessage()
    {
        ZmqLibrary.EnsureLoaded();
        _slot = MessageSlots.Rent(out _generation);
        LibZmq.zmq_msg_init(_slot);
    }

    /// <summary>Creates a message of <paramref name="size"/> bytes (<c>zmq_msg_init_size</c>) to fill
    /// through <see cref="ZmqMessageExtensions.GetWritableSpan"/> and send.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    /// <exception cref="ZmqException">libzmq could not allocate it (ENOMEM).</exception>
    public ZmqMessage(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ZmqLibrary.EnsureLoaded();
        zmq_msg_t* slot = MessageSlots.Rent(out int generation);
        if (LibZmq.zmq_msg_init_size(slot, (nuint)size) != 0)
        {
            FailInitSize(slot, size);
        }
        _slot = slot;
        _generation = generation;
    }

    // Out of line so the constructor stays small enough to inline into a send loop.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailInitSize(zmq_msg_t* slot, int size)
    {
        int errno = LibZmq.zmq_errno();
        MessageSlots.Return(slot);
        ThrowHelper.ThrowErrno(errno, "zmq_msg_init_size", option: $"size = {size}");
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
    /// Raised, on the thread-pool thread that ran it, when a zero-copy message's release
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
        ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "ZeroCopy", "A zero-copy message's release callback threw; the exception was contained.", error);
        try
        {
            ReleaseCallbackFailed?.Invoke(typeof(ZmqMessage), new UnhandledExceptionEventArgs(error, isTerminating: false));
        }
#pragma warning disable CA1031 // Runs on a thread-pool or libzmq I/O thread: nothing may escape.
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    /// <summary>
    /// Creates a message over <paramref name="data"/> without copying it (<c>zmq_msg_init_data(3)</c>).
    /// The memory stays pinned, and must not change, until libzmq has sent the message and freed it:
    /// then <paramref name="released"/> runs, exactly once, on a thread-pool thread (never on libzmq's
    /// I/O thread, nor inside another call on a socket, so it may block or use sockets); so it may still
    /// be pending when <see cref="ZmqContext.Dispose"/> returns. When the message cannot be created it
    /// runs on the calling thread before the exception is thrown. It must not throw:
    /// an exception never reaches libzmq (it would abort the process); it is reported through
    /// <see cref="ReleaseCallbackFailed"/> and <see cref="System.Diagnostics.Trace"/>. Worth it for
    /// large buffers only: see docs/performance.md (zero-copy) for the size from which it beats the copying send.
    /// </summary>
    /// <returns>A message whose content is <paramref name="data"/> itself, pinned until libzmq releases it.</returns>
    /// <exception cref="ZmqException">libzmq could not create the message.</exception>
    public static unsafe ZmqMessage CreateZeroCopy(ReadOnlyMemory<byte> data, Action? released = null)
    {
        ZmqLibrary.EnsureLoaded();
        zmq_msg_t* slot = MessageSlots.Rent(out int generation);
        var (hint, pointer) = ZeroCopyBuffer.Pin(data, released);
        if (LibZmq.zmq_msg_init_data(slot, (void*)pointer, (nuint)data.Length, &ZeroCopyBuffer.Free, (void*)hint) != 0)
        {
            int errno = LibZmq.zmq_errno();
            ZeroCopyBuffer.Abandon(hint);
            MessageSlots.Return(slot);
            ThrowHelper.ThrowErrno(errno, "zmq_msg_init_data", option: "size " + data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var message = default(ZmqMessage);
        message._slot = slot;
        message._generation = generation;
        return message;
    }

    /// <summary>Whether the message holds a live native message (false once disposed).</summary>
    public readonly bool IsInitialized => IsLive;

    /// <summary>The frame's size in bytes (<c>zmq_msg_size(3)</c>); 0 once disposed.</summary>
    /// <exception cref="OverflowException">The frame is over <see cref="int.MaxValue"/> bytes; read <see cref="LongSize"/>.</exception>
    public readonly int Size => SpanLength();

    /// <summary>The frame's size in bytes (<c>zmq_msg_size(3)</c>) at its full <c>size_t</c> width; 0 once disposed.</summary>
    public readonly long LongSize => IsLive ? (long)LibZmq.zmq_msg_size(_slot) : 0;

    /// <summary>
    /// The frame's bytes (<c>zmq_msg_data(3)</c>), without a copy. Valid until the message is disposed
    /// or reused; empty once disposed.
    /// </summary>
    /// <exception cref="OverflowException">The frame is over <see cref="int.MaxValue"/> bytes, more than a span can cover.</exception>
    public readonly ReadOnlySpan<byte> Data => IsLive
        ? new ReadOnlySpan<byte>(LibZmq.zmq_msg_data(_slot), SpanLength())
        : default;

    /// <summary>
    /// Whether more frames of the same multipart message follow this one (<c>zmq_msg_more(3)</c>).
    /// </summary>
    public readonly bool HasMore => IsLive && LibZmq.zmq_msg_more(_slot) == 1;

    /// <summary>
    /// The routing id (draft API, <c>zmq_msg_routing_id(3)</c>, <c>zmq_msg_set_routing_id(3)</c>): on a
    /// message a SERVER or PEER received, the peer it came from; set it on a reply to send it there.
    /// 0 means none.
    /// </summary>
    /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
    /// <exception cref="ObjectDisposedException">Set on a disposed or sent message.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Set to 0, which libzmq refuses.</exception>
    public uint RoutingId
    {
        readonly get => IsLive ? LibZmq.Draft.zmq_msg_routing_id(_slot) : 0;
        set
        {
            ThrowIfNotInitialized();
            if (value == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "A routing id is never 0 (libzmq reserves it for none).");
            }
            if (LibZmq.Draft.zmq_msg_set_routing_id(_slot, value) != 0)
            {
                ThrowHelper.ThrowLastError("zmq_msg_set_routing_id");
            }
        }
    }

    /// <summary>The message's group as UTF-8 bytes, empty for none: valid while the message is.</summary>
    internal readonly ReadOnlySpan<byte> GroupUtf8
    {
        get
        {
            if (!IsLive)
            {
                return default;
            }
            byte* group = LibZmq.Draft.zmq_msg_group(_slot);
            return group is null ? default : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(group);
        }
    }

    /// <summary>
    /// The group (draft API, <c>zmq_msg_group(3)</c>, <c>zmq_msg_set_group(3)</c>): a RADIO sends the
    /// message to it, a DISH reports the group a message came in; empty for none. At most 15 UTF-8
    /// bytes, no NUL.
    /// </summary>
    /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
    /// <exception cref="ObjectDisposedException">Set on a disposed or sent message.</exception>
    /// <exception cref="ArgumentException">Set to null, to a value containing NUL, or to more than 15 UTF-8 bytes.</exception>
    public string Group
    {
        readonly get => Encoding.UTF8.GetString(GroupUtf8);
        set
        {
            ThrowIfNotInitialized();
            Span<byte> buffer = stackalloc byte[LibZmq.Draft.ZMQ_GROUP_MAX_LENGTH + 1];
            using var group = GroupName.Encode(value, buffer, nameof(value));
            fixed (byte* p = group.NulTerminated)
            {
                if (LibZmq.Draft.zmq_msg_set_group(_slot, p) != 0)
                {
                    ThrowHelper.ThrowLastError("zmq_msg_set_group");
                }
            }
        }
    }

    /// <summary>The writable bytes; public through <see cref="ZmqMessageExtensions.GetWritableSpan"/>.</summary>
    internal Span<byte> WritableSpan()
    {
        ThrowIfNotInitialized();
        return new Span<byte>(LibZmq.zmq_msg_data(_slot), SpanLength());
    }

    /// <summary>The frame decoded as UTF-8.</summary>
    /// <returns>The content decoded as UTF-8.</returns>
    public readonly string ToUtf8String() => Encoding.UTF8.GetString(Data);

    /// <summary>
    /// Reads a metadata property of a received message (<c>zmq_msg_gets(3)</c>), such as
    /// "Peer-Address", "Socket-Type", "Routing-Id" or "User-Id"; null when the message has none.
    /// </summary>
    /// <returns>The property's value, or null when the message has no such property.</returns>
    /// <exception cref="ArgumentException"><paramref name="property"/> is null, empty or contains NUL.</exception>
    public readonly string? GetMetadata(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        if (!IsLive)
        {
            return null;
        }
        Span<byte> scratch = stackalloc byte[64];
        using var name = Utf8Buffer.ForCString(property, scratch, nameof(property));
        fixed (byte* p = name.NulTerminated)
        {
            byte* value = LibZmq.zmq_msg_gets(_slot, p);
            return value is null ? null : Marshal.PtrToStringUTF8((nint)value);
        }
    }

    /// <summary>
    /// Releases the native message (<c>zmq_msg_close(3)</c>). Idempotent, and harmless on a copy of a
    /// message already disposed through another copy.
    /// </summary>
    public void Dispose()
    {
        if (IsLive)
        {
            Close(_slot);
        }
        _slot = null;
    }

    // Not inlined on purpose: Dispose mostly runs in the finally block of a using, and the JIT never
    // inlines a P/Invoke inside an exception handler; it calls a marshalling stub instead, which
    // measured about 25 ns more per message (using ReceiveMessage() 354 against 329 ns a send and
    // receive pair, Stopwatch harness). Out here the call is inlined into this small method.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Close(zmq_msg_t* slot)
    {
        LibZmq.zmq_msg_close(slot);
        MessageSlots.Return(slot);
    }

    /// <summary>Whether this value still owns its slot's message (no copy disposed or sent it).</summary>
    private readonly bool IsLive => _slot is not null && MessageSlots.Generation(_slot) == _generation;

    /// <summary>
    /// Hands this value's native message to a holder that is not a ref struct (an asynchronous
    /// operation's result): this value is left empty, and <see cref="Adopt"/> makes a message of the
    /// slot again. The caller must adopt it exactly once, or the native message leaks.
    /// </summary>
    internal zmq_msg_t* Detach(out int generation)
    {
        ThrowIfNotInitialized();
        zmq_msg_t* slot = _slot;
        generation = _generation;
        _slot = null;
        return slot;
    }

    /// <summary>The message <see cref="Detach"/> handed over, owned again by the value returned.</summary>
    internal static ZmqMessage Adopt(zmq_msg_t* slot, int generation)
    {
        var message = default(ZmqMessage);
        message._slot = slot;
        message._generation = generation;
        return message;
    }

    internal zmq_msg_t* GetPointerForReceive()
    {
        if (!IsLive)
        {
            ZmqLibrary.EnsureLoaded();
            _slot = MessageSlots.Rent(out _generation);
            LibZmq.zmq_msg_init(_slot);
        }
        return _slot;
    }

    /// <summary>
    /// A successful zmq_msg_send leaves the message empty and, per zmq_msg_send(3), needing no
    /// zmq_msg_close: give the slot back without that native call.
    /// </summary>
    internal void MarkSent()
    {
        MessageSlots.Return(_slot);
        _slot = null;
    }

    internal zmq_msg_t* GetPointerForSend()
    {
        ThrowIfNotInitialized();
        return _slot;
    }

    private readonly void ThrowIfNotInitialized()
    {
        if (!IsLive)
        {
            throw new ObjectDisposedException(nameof(ZmqMessage), "The message was disposed, sent, or never initialized (or a copy of it was); create a new one.");
        }
    }

    /// <summary>The size as a span length; a frame past 2 GiB is an error, never a wrapped, wrong length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // on every Size and Data read
    private readonly int SpanLength()
    {
        if (!IsLive)
        {
            return 0;
        }
        nuint size = LibZmq.zmq_msg_size(_slot);
        if (size > int.MaxValue)
        {
            ThrowTooLongForSpan(size);
        }
        return (int)size;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLongForSpan(nuint size) =>
        throw new OverflowException($"The frame is {size} bytes, more than the {int.MaxValue} a span can cover (LongSize gives the full size).");
}
