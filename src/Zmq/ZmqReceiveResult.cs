namespace Zmq;

/// <summary>
/// What <see cref="ZmqSocket.Receive(Span{byte}, ZmqReceiveFlags)"/> got. <c>zmq_recv(3)</c> truncates a frame
/// longer than the buffer and reports its full length; both are kept so truncation is never silent.
/// </summary>
/// <param name="BytesWritten">How many bytes were written into the buffer.</param>
/// <param name="FrameLength">The frame's full length on the wire.</param>
public readonly record struct ZmqReceiveResult(int BytesWritten, int FrameLength)
{
    /// <summary>True when the frame was longer than the buffer and its end was discarded.</summary>
    public bool Truncated => FrameLength > BytesWritten;
}
