using BenchmarkDotNet.Attributes;

namespace Zmq.Bench.Micro;

/// <summary>
/// What an awaited call costs over a blocking one when it completes at once (nearly every call of
/// a stream): one small frame sent and received over an inproc PAIR on this thread, a thousand
/// times an invocation, by blocking calls and by awaited ones through the same buffers. The
/// difference is the async engine's fast path and the awaits, without any thread switch or wait.
/// </summary>
[MemoryDiagnoser]
public class AsyncCallBenchmarks
{
    private const int Calls = 1000;

    private InprocPair _pair = null!;
    private ZmqSocket _sender = null!;
    private ZmqSocket _receiver = null!;
    private byte[] _payload = null!;
    private byte[] _buffer = null!;

    /// <summary>The frame's size in bytes.</summary>
    [Params(1, 64)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[Size];
        _buffer = new byte[Size];
        _pair = new InprocPair("async-call-cost");
        (_sender, _receiver) = (_pair.Sender, _pair.Receiver);
    }

    [GlobalCleanup]
    public void Cleanup() => _pair.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Send(span) + Receive(span)")]
    public int Blocking()
    {
        int received = 0;
        for (int i = 0; i < Calls; i++)
        {
            _sender.Send(_payload);
            received += _receiver.Receive(_buffer).BytesWritten;
        }
        return received;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "await SendAsync(memory) + await ReceiveAsync(memory)")]
    public async Task<int> Awaited()
    {
        int received = 0;
        for (int i = 0; i < Calls; i++)
        {
            await _sender.SendAsync(_payload);
            received += (await _receiver.ReceiveAsync(_buffer)).BytesWritten;
        }
        return received;
    }
}
