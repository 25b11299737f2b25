namespace Zmq;

/// <summary>
/// What <see cref="ZmqSocket.Receive(Span{byte}, ZmqReceiveFlags)"/> got. <c>zmq_recv(3)</c> truncates a frame
/// longer than the buffer and reports its full length; both are kept so truncation is never silent.
/// </summary>
/// <param name="BytesWritten">How many bytes were written into the buffer.</param>
/// <param name="FrameLength">The frame's full length on the wire.</param>
/// <remarks>
/// The two lengths live in one 64-bit field. With two <see cref="int"/> fields the JIT wrote the
/// result into an awaited <c>ValueTask&lt;ZmqReceiveResult&gt;</c> four bytes at a time and copied it
/// out eight bytes at once: a load the processor cannot forward from the two stores, a stall on
/// every completed <see cref="ZmqSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> that showed
/// as the awaiting loop's hottest instruction. One field is written and read whole.
/// </remarks>
public readonly record struct ZmqReceiveResult(int BytesWritten, int FrameLength)
{
    private readonly ulong _lengths = Pack(BytesWritten, FrameLength);

    /// <summary>How many bytes were written into the buffer.</summary>
    public int BytesWritten
    {
        get => (int)_lengths;
        init => _lengths = Pack(value, FrameLength);
    }

    /// <summary>The frame's full length on the wire.</summary>
    public int FrameLength
    {
        get => (int)(_lengths >> 32);
        init => _lengths = Pack(BytesWritten, value);
    }

    /// <summary>True when the frame was longer than the buffer and its end was discarded.</summary>
    public bool Truncated => FrameLength > BytesWritten;

    private static ulong Pack(int bytesWritten, int frameLength) => (uint)bytesWritten | ((ulong)(uint)frameLength << 32);
}
