using BenchmarkDotNet.Attributes;
using Zmq.Interop;

namespace Zmq.Bench.Micro;

/// <summary>Socket option get and set through typed properties against raw zmq_getsockopt/zmq_setsockopt.</summary>
[MemoryDiagnoser]
public unsafe class OptionBenchmarks
{
    private ZmqContext _context = null!;
    private ZmqSocket _socket = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new ZmqContext();
        _socket = _context.CreateSocket(ZmqSocketType.Dealer);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _socket.Dispose();
        _context.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw zmq_getsockopt(ZMQ_SNDHWM)")]
    public int RawGet()
    {
        int value;
        nuint size = sizeof(int);
        LibZmq.zmq_getsockopt(_socket.Handle, LibZmq.ZMQ_SNDHWM, &value, &size);
        return value;
    }

    [Benchmark(Description = "SendHighWatermark get")]
    public int Get() => _socket.SendHighWatermark;

    [Benchmark(Description = "raw zmq_setsockopt(ZMQ_SNDHWM)")]
    public int RawSet()
    {
        int value = 1000;
        return LibZmq.zmq_setsockopt(_socket.Handle, LibZmq.ZMQ_SNDHWM, &value, sizeof(int));
    }

    [Benchmark(Description = "SendHighWatermark set")]
    public void Set() => _socket.SendHighWatermark = 1000;

    [Benchmark(Description = "ReceiveTimeout get (TimeSpan)")]
    public TimeSpan GetTimeout() => _socket.ReceiveTimeout;

    [Benchmark(Description = "Events get")]
    public ZmqPollEvents Events() => _socket.Events;
}
