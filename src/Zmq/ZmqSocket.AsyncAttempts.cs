using System.Buffers;

namespace Zmq;

// The asynchronous operations' non-blocking attempts, as structs so that the generic engine in
// Async/SocketAsyncContext.Operations.cs is specialised for each and nothing is boxed. Each runs with the gate held.
public sealed partial class ZmqSocket
{
    private readonly struct ReceiveIntoBufferAttempt(Memory<byte> buffer) : IAsyncAttempt<ZmqReceiveResult>
    {
        public bool TryRun(ZmqSocket socket, out ZmqReceiveResult result) =>
            socket.TryReceiveCore(buffer.Span, out result, ZmqReceiveFlags.DontWait);
    }

    /// <summary>
    /// A frame for a buffer writer: received without a copy under the gate, written after it (the
    /// writer is user code, which may call into the socket), in the receive's turn so that the writes
    /// of pending receives keep their order.
    /// </summary>
    private readonly struct ReceiveIntoWriterAttempt(IBufferWriter<byte> writer) : IAsyncAttempt<HeldFrame>
    {
        public static bool FinishesOutsideGate => true;

        public bool TryRun(ZmqSocket socket, out HeldFrame result)
        {
            // Not set up here: the receive sets it up, and releases it if it throws.
            var message = default(ZmqMessage);
            if (!socket.TryReceiveMessageCore(ref message, ZmqReceiveFlags.DontWait))
            {
                message.Dispose(); // nothing received: the set-up message is released here
                result = default;
                return false;
            }
            try
            {
                result = new HeldFrame(ref message);
            }
            catch
            {
                message.Dispose(); // a frame over 2 GiB has no int length: released, not leaked
                throw;
            }
            return true;
        }

        public void Finish(ref HeldFrame result)
        {
            ZmqMessage message = result.Adopt();
            try
            {
                writer.Write(message.Data);
            }
            finally
            {
                message.Dispose();
            }
        }
    }

    /// <summary>A received native message between an attempt and its <see cref="IAsyncAttempt{TResult}.Finish"/>, and its length.</summary>
    private readonly unsafe struct HeldFrame
    {
        private readonly Zmq.Interop.zmq_msg_t* _slot;
        private readonly int _generation;

        /// <summary>Takes the message out of <paramref name="message"/>, which is left empty (unless its length throws first).</summary>
        public HeldFrame(ref ZmqMessage message)
        {
            Length = message.Size;
            _slot = message.Detach(out _generation);
        }

        /// <summary>The frame's length.</summary>
        public int Length { get; }

        /// <summary>The message again; the caller disposes it (once: only Finish calls this).</summary>
        public ZmqMessage Adopt() => ZmqMessage.Adopt(_slot, _generation);
    }

    /// <summary>A frame copied into an array of its size: no code but the binding's runs under the gate.</summary>
    private readonly struct ReceiveFrameAttempt : IAsyncAttempt<byte[]>
    {
        public bool TryRun(ZmqSocket socket, out byte[] result)
        {
            var message = new ZmqMessage();
            try
            {
                bool received = socket.TryReceiveMessageCore(ref message, ZmqReceiveFlags.DontWait);
                result = received ? message.Data.ToArray() : [];
                return received;
            }
            finally
            {
                message.Dispose();
            }
        }
    }

    private readonly struct ReceiveStringAttempt : IAsyncAttempt<string>
    {
        public bool TryRun(ZmqSocket socket, out string result)
        {
            var message = new ZmqMessage();
            try
            {
                bool received = socket.TryReceiveMessageCore(ref message, ZmqReceiveFlags.DontWait);
                result = received ? message.ToUtf8String() : string.Empty;
                return received;
            }
            finally
            {
                message.Dispose();
            }
        }
    }

    /// <summary>
    /// A whole multipart message, each frame read once from its native message by
    /// <typeparamref name="TDecoder"/> (bytes, or UTF-8 text with no array in between).
    /// </summary>
    private readonly struct ReceiveMultipartAttempt<TFrame, TDecoder>(List<TFrame> frames) : IAsyncAttempt<List<TFrame>>
        where TDecoder : IFrameDecoder<TFrame>
    {
        public bool TryRun(ZmqSocket socket, out List<TFrame> result)
        {
            result = frames;
            return socket.TryReceiveMultipartCore<TFrame, TDecoder>(frames, ZmqReceiveFlags.DontWait);
        }
    }

    private readonly struct SendBufferAttempt(ReadOnlyMemory<byte> data, ZmqSendFlags flags) : IAsyncAttempt<bool>
    {
        public bool TryRun(ZmqSocket socket, out bool result) =>
            result = socket.TrySendCore(data.Span, flags | ZmqSendFlags.DontWait);
    }

    private readonly struct SendStringAttempt(string text, ZmqSendFlags flags) : IAsyncAttempt<bool>
    {
        public bool TryRun(ZmqSocket socket, out bool result)
        {
            using var frame = new Utf8Buffer(text, stackalloc byte[StackEncodingLimit]);
            return result = socket.TrySendCore(frame.Bytes, flags | ZmqSendFlags.DontWait);
        }
    }

    private readonly struct SendMultipartAttempt(byte[][] frames) : IAsyncAttempt<bool>
    {
        public bool TryRun(ZmqSocket socket, out bool result) =>
            result = socket.TrySendMultipartCore(frames, ZmqSendFlags.DontWait);
    }
}
