using System.Buffers.Binary;
using System.Text;

namespace Zmq;

/// <summary>
/// One monitor event as libzmq sends it (<c>zmq_socket_monitor(3)</c>), parsed once for both of its
/// readers, <see cref="ZmqMonitor"/> and <see cref="ZmqPeerTable"/>. Version 1 is
/// [event:u16 value:u32][endpoint]; version 2 (the draft <c>zmq_socket_monitor_versioned</c>) is
/// [event:u64][count:u64][value:u64]×count[local endpoint][remote endpoint], in the host's byte
/// order (libzmq copies the integers as they are; little-endian on every RID built here).
/// </summary>
/// <remarks>
/// Only the endpoints are decoded up front (both readers need them); the values stay in the frames
/// until asked for, so the peer table, which reads one or two of them, allocates no array per event,
/// and <see cref="ZmqMonitor"/> builds the array its public event carries. A ref struct: it reads the
/// caller's frames, which the next receive may reuse, so it cannot outlive the event it describes.
/// </remarks>
internal readonly ref struct NativeMonitorEvent
{
    // libzmq's version 2 events carry one value, or two (ZMQ_EVENT_PIPES_STATS); a count above this
    // bound is not an event (and would make the count, read from the wire, size an allocation).
    private const int MaxValues = 16;

    private readonly List<byte[]> _frames;
    private readonly bool _version2;

    private NativeMonitorEvent(List<byte[]> frames, bool version2, ZmqMonitorEventType type, int valueCount, long value, string local, string remote)
    {
        _frames = frames;
        _version2 = version2;
        Type = type;
        ValueCount = valueCount;
        Value = value;
        Local = local;
        Remote = remote;
    }

    /// <summary>The event.</summary>
    public ZmqMonitorEventType Type { get; }

    /// <summary>How many values the event carries: always one in version 1.</summary>
    public int ValueCount { get; }

    /// <summary>The first value (0 when there is none): version 1's is a signed 32-bit value, version 2's
    /// the 64 bits reinterpreted as signed; a descriptor, errno, ZMTP error or ZAP status either way.</summary>
    public long Value { get; }

    /// <summary>Version 1: the event's one endpoint. Version 2: the local endpoint (empty until a connect completes).</summary>
    public string Local { get; }

    /// <summary>Version 2: the remote endpoint (empty for an event without a peer). Version 1: empty.</summary>
    public string Remote { get; }

    /// <summary>Value <paramref name="index"/>, unsigned as libzmq sends it (version 1's 32 bits zero-extended).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="ValueCount"/>.</exception>
    public ulong ValueAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ValueCount);
        return _version2
            ? BinaryPrimitives.ReadUInt64LittleEndian(_frames[2 + index])
            : BinaryPrimitives.ReadUInt32LittleEndian(_frames[0].AsSpan(2));
    }

    /// <summary>Parses one event; false for frames that are not an event of the format asked for.</summary>
    public static bool TryParse(List<byte[]> frames, bool version2, out NativeMonitorEvent monitorEvent)
    {
        monitorEvent = default;
        if (!version2)
        {
            if (frames.Count != 2 || frames[0].Length != 6)
            {
                return false;
            }
            monitorEvent = new NativeMonitorEvent(frames, version2: false,
                (ZmqMonitorEventType)BinaryPrimitives.ReadUInt16LittleEndian(frames[0]),
                valueCount: 1,
                BinaryPrimitives.ReadInt32LittleEndian(frames[0].AsSpan(2)),
                Encoding.UTF8.GetString(frames[1]),
                string.Empty);
            return true;
        }
        if (frames.Count < 4 || frames[0].Length != 8 || frames[1].Length != 8)
        {
            return false;
        }
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(frames[1]);
        if (count > MaxValues || frames.Count != 4 + (int)count)
        {
            return false;
        }
        for (int i = 0; i < (int)count; i++)
        {
            if (frames[2 + i].Length != 8)
            {
                return false;
            }
        }
        monitorEvent = new NativeMonitorEvent(frames, version2: true,
            (ZmqMonitorEventType)BinaryPrimitives.ReadUInt64LittleEndian(frames[0]),
            (int)count,
            count > 0 ? unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(frames[2])) : 0,
            Encoding.UTF8.GetString(frames[^2]),
            Encoding.UTF8.GetString(frames[^1]));
        return true;
    }
}
