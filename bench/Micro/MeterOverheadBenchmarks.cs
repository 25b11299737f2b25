using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace Zmq.Bench.Micro;

/// <summary>
/// The cost of the Zmq meter on the hot path: one 64-byte frame sent and received over an inproc
/// PAIR, with no listener and with a <see cref="MeterListener"/> subscribed to every Zmq instrument
/// (what the OpenTelemetry SDK's AddMeter("Zmq") does). The per-socket counters are plain fields
/// bumped on every frame either way and read only when a listener collects, so the two rows should
/// match; compare both with SendReceiveBenchmarks' raw row for the counters' own share.
/// </summary>
[MemoryDiagnoser]
public class MeterOverheadBenchmarks
{
    private InprocPair _pair = null!;
    private ZmqSocket _sender = null!;
    private ZmqSocket _receiver = null!;
    private MeterListener? _listener;
    private long _collected;
    private readonly byte[] _payload = new byte[64];
    private readonly byte[] _buffer = new byte[64];

    /// <summary>Whether a MeterListener listens to the Zmq meter during the run.</summary>
    [Params(false, true)]
    public bool Listener { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pair = new InprocPair("micro-meter");
        (_sender, _receiver) = (_pair.Sender, _pair.Receiver);
        _receiver.Name = "micro-receiver";
        _sender.Name = "micro-sender";
        if (Listener)
        {
            _listener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == ZmqTelemetry.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => _collected += value);
            _listener.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // One collection at the end proves the listener was live and saw the traffic.
        _listener?.RecordObservableInstruments();
        _listener?.Dispose();
        _pair.Dispose();
        if (Listener && _collected == 0)
        {
            throw new InvalidOperationException("The listener collected nothing: the rows do not measure what they say.");
        }
    }

    [Benchmark(Description = "Send(span) + Receive(span), Zmq meter")]
    public int SendReceive()
    {
        _sender.Send(_payload);
        return _receiver.Receive(_buffer).BytesWritten;
    }
}
