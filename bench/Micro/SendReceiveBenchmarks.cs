using BenchmarkDotNet.Attributes;
using Zmq.Interop;

namespace Zmq.Bench.Micro;

/// <summary>
/// One 64-byte frame sent and received over an inproc PAIR (both on this thread), through the
/// binding's API and through the raw LibZmq declarations: the difference is the binding's cost.
/// </summary>
[MemoryDiagnoser]
public unsafe class SendReceiveBenchmarks
{
    private InprocPair _pair = null!;
    private ZmqSocket _sender = null!;
    private ZmqSocket _receiver = null!;
    private readonly byte[] _payload = new byte[64];
    private readonly byte[] _buffer = new byte[64];

    [GlobalSetup]
    public void Setup()
    {
        _pair = new InprocPair("micro");
        (_sender, _receiver) = (_pair.Sender, _pair.Receiver);
    }

    [GlobalCleanup]
    public void Cleanup() => _pair.Dispose();

    [Benchmark(Baseline = true, Description = "raw zmq_send + zmq_recv")]
    public int RawSendReceive()
    {
        fixed (byte* payload = _payload)
        fixed (byte* buffer = _buffer)
        {
            LibZmq.zmq_send(_sender.Handle, payload, 64, 0);
            return LibZmq.zmq_recv(_receiver.Handle, buffer, 64, 0);
        }
    }

    [Benchmark(Description = "Send(span) + Receive(span)")]
    public int SendReceive()
    {
        _sender.Send(_payload);
        return _receiver.Receive(_buffer).BytesWritten;
    }

    [Benchmark(Description = "raw zmq_send + zmq_msg_recv")]
    public int RawSendReceiveMessage()
    {
        zmq_msg_t msg;
        fixed (byte* payload = _payload)
        {
            LibZmq.zmq_send(_sender.Handle, payload, 64, 0);
        }
        LibZmq.zmq_msg_init(&msg);
        LibZmq.zmq_msg_recv(&msg, _receiver.Handle, 0);
        int size = (int)LibZmq.zmq_msg_size(&msg);
        LibZmq.zmq_msg_close(&msg);
        return size;
    }

    [Benchmark(Description = "Send(span) + ReceiveMessage()")]
    public int SendReceiveMessage()
    {
        _sender.Send(_payload);
        using var message = _receiver.ReceiveMessage();
        return message.Size;
    }
}
