using System.Diagnostics.CodeAnalysis;

namespace Zmq;

public sealed partial class ZmqSocket
{
    // Strings up to this many UTF-8 bytes are encoded on the stack; longer ones use a pooled array.
    private const int StackEncodingLimit = 512;

    /// <summary>Sends <paramref name="text"/> as one UTF-8 frame; allocates nothing for short strings.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ZmqException">It would block (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public void SendString(string text, ZmqSendFlags flags = ZmqSendFlags.None)
    {
        if (!TrySendString(text, flags))
        {
            ThrowWouldBlock(nameof(SendString), receiving: false, (int)flags);
        }
    }

    /// <summary>Sends <paramref name="text"/> as one UTF-8 frame; false when it would block.</summary>
    /// <returns>True when the frame was queued; false when it would block.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public bool TrySendString(string text, ZmqSendFlags flags = ZmqSendFlags.None)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var frame = new Utf8Buffer(text, stackalloc byte[StackEncodingLimit]);
        return TrySend(frame.Bytes, flags);
    }

    /// <summary>Receives one frame of any size decoded as UTF-8.</summary>
    /// <returns>The frame decoded as UTF-8.</returns>
    /// <exception cref="ZmqException">Nothing arrived in time (<see cref="ZmqError.TryAgain"/>), or another libzmq error.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public string ReceiveString(ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        if (!TryReceiveString(out string? text, flags))
        {
            ThrowWouldBlock(nameof(ReceiveString), receiving: true, (int)flags);
        }
        return text;
    }

    /// <summary>Receives one frame decoded as UTF-8; false when nothing arrived in time.</summary>
    /// <returns>True when a frame was received; false when none arrived in time.</returns>
    /// <exception cref="ZmqException">Any libzmq error other than EAGAIN.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public bool TryReceiveString([NotNullWhen(true)] out string? text, ZmqReceiveFlags flags = ZmqReceiveFlags.None)
    {
        var message = new ZmqMessage();
        try
        {
            text = TryReceiveMessage(ref message, flags) ? message.ToUtf8String() : null;
            return text is not null;
        }
        finally
        {
            message.Dispose();
        }
    }
}
