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

    private readonly struct ReceiveIntoWriterAttempt(IBufferWriter<byte> writer) : IAsyncAttempt<int>
    {
        public bool TryRun(ZmqSocket socket, out int result)
        {
            var message = new ZmqMessage();
            try
            {
                result = 0;
                if (!socket.TryReceiveMessageCore(ref message, ZmqReceiveFlags.DontWait))
                {
                    return false;
                }
                writer.Write(message.Data);
                result = message.Size;
                return true;
            }
            finally
            {
                message.Dispose();
            }
        }
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

    private readonly struct ReceiveMultipartAttempt(List<byte[]> frames) : IAsyncAttempt<List<byte[]>>
    {
        public bool TryRun(ZmqSocket socket, out List<byte[]> result)
        {
            result = frames;
            return socket.TryReceiveMultipartCore(frames, ZmqReceiveFlags.DontWait);
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
