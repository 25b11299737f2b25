namespace Zmq;

/// <summary>Members of <see cref="ZmqMessage"/> that must be called on the message itself, never on a copy.</summary>
public static class ZmqMessageExtensions
{
    /// <summary>
    /// The writable bytes of a message being built for sending (<c>zmq_msg_data(3)</c>).
    /// </summary>
    /// <returns>The message's bytes, writable until it is sent or disposed.</returns>
    /// <remarks>
    /// An extension on <c>ref</c> so that it only compiles on a variable: on an <c>in</c>
    /// parameter or a readonly field, the compiler would call an instance method on a hidden
    /// copy, and for a message of up to 33 bytes, whose bytes live inside the struct, the span
    /// would point into that copy.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The message was disposed.</exception>
    public static Span<byte> GetWritableSpan(this ref ZmqMessage message) => message.WritableSpan();
}
