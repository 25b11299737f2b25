using BenchmarkDotNet.Attributes;

namespace Zmq.Bench.Micro;

/// <summary>
/// Sending a large buffer by copy (zmq_send) against zero-copy (zmq_msg_init_data with a free
/// callback), over an inproc PAIR with the receiver on the same thread: from which size it pays.
/// </summary>
[MemoryDiagnoser]
public class ZeroCopyBenchmarks
{
    private InprocPair _pair = null!;
    private ZmqSocket _sender = null!;
    private ZmqSocket _receiver = null!;
    private byte[] _payload = null!;

    [Params(1024, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[Size];
        _pair = new InprocPair("zero-copy");
        (_sender, _receiver) = (_pair.Sender, _pair.Receiver);
    }

    [GlobalCleanup]
    public void Cleanup() => _pair.Dispose();

    [Benchmark(Baseline = true, Description = "Send(span): one copy")]
    public int Copy()
    {
        _sender.Send(_payload);
        using var message = _receiver.ReceiveMessage();
        return message.Size;
    }

    [Benchmark(Description = "CreateZeroCopy + Send(ref message)")]
    public int ZeroCopy()
    {
        var outgoing = ZmqMessage.CreateZeroCopy(_payload);
        _sender.Send(ref outgoing);
        using var message = _receiver.ReceiveMessage();
        return message.Size;
    }
}
