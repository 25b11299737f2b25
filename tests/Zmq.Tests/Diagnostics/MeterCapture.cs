using System.Diagnostics.Metrics;

namespace Zmq.Tests.Diagnostics;

/// <summary>
/// A MeterListener on the Zmq meter that reads the observable instruments on demand, filtered by
/// the zeromq.socket.name tag: tests run in parallel and every socket of the process is measured,
/// so each test names its sockets uniquely and reads only those.
/// </summary>
internal sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _round = [];

    public MeterCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ZmqTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }
            lock (_lock)
            {
                _round.Add((instrument.Name, value, copy));
            }
        });
        _listener.Start();
    }

    /// <summary>The instrument's value for the sockets named <paramref name="socketName"/> (0 when none reported).</summary>
    public long Read(string instrument, string socketName) =>
        ReadAll(instrument, socketName).Sum(m => m.Value);

    /// <summary>Every measurement of the instrument for the sockets named <paramref name="socketName"/>, from a fresh collection.</summary>
    public List<(long Value, Dictionary<string, object?> Tags)> ReadAll(string instrument, string socketName)
    {
        lock (_lock)
        {
            _round.Clear();
        }
        _listener.RecordObservableInstruments();
        lock (_lock)
        {
            return [.. _round
                .Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("zeromq.socket.name"), socketName))
                .Select(m => (m.Value, m.Tags))];
        }
    }

    /// <summary>Waits until the instrument reaches at least <paramref name="expected"/> for the socket name.</summary>
    public long WaitFor(string instrument, string socketName, long expected)
    {
        long value = 0;
        Support.EventWaits.Until(() => (value = Read(instrument, socketName)) >= expected,
            $"{instrument} for {socketName} stayed at {value}, below {expected}");
        return value;
    }

    public void Dispose() => _listener.Dispose();

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
