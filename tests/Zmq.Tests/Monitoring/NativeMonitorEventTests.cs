using System.Buffers.Binary;
using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Monitoring;

/// <summary>The one parser of libzmq's monitor frames, which ZmqMonitor and the peer table share.</summary>
public class NativeMonitorEventTests
{
    private static ulong s_sink; // keeps the parsed values alive in the allocation probe

    private static List<byte[]> Version1(ZmqMonitorEventType type, int value, string endpoint)
    {
        byte[] head = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(head, (ushort)type);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(2), value);
        return [head, Encoding.UTF8.GetBytes(endpoint)];
    }

    private static List<byte[]> Version2(ZmqMonitorEventType type, ulong[] values, string local, string remote)
    {
        var frames = new List<byte[]> { U64((ulong)type), U64((ulong)values.Length) };
        frames.AddRange(values.Select(U64));
        frames.Add(Encoding.UTF8.GetBytes(local));
        frames.Add(Encoding.UTF8.GetBytes(remote));
        return frames;

        static byte[] U64(ulong value)
        {
            byte[] frame = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(frame, value);
            return frame;
        }
    }

    [Fact]
    public void Version_1_gives_the_event_its_signed_value_and_its_one_endpoint()
    {
        Assert.True(NativeMonitorEvent.TryParse(Version1(ZmqMonitorEventType.Disconnected, -2, "tcp://127.0.0.1:5555"), version2: false, out NativeMonitorEvent parsed));
        Assert.Equal(ZmqMonitorEventType.Disconnected, parsed.Type);
        Assert.Equal(1, parsed.ValueCount);
        Assert.Equal(-2, parsed.Value);
        Assert.Equal(0xFFFF_FFFEUL, parsed.ValueAt(0)); // as libzmq sent it: 32 bits, unsigned
        Assert.Equal("tcp://127.0.0.1:5555", parsed.Local);
        Assert.Equal(string.Empty, parsed.Remote);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            NativeMonitorEvent.TryParse(Version1(ZmqMonitorEventType.Disconnected, -2, "tcp://127.0.0.1:5555"), version2: false, out NativeMonitorEvent again);
            return again.ValueAt(1);
        });
    }

    [Fact]
    public void Version_2_gives_every_value_and_both_endpoints()
    {
        Assert.True(NativeMonitorEvent.TryParse(Version2(ZmqMonitorEventType.PipesStats, [3, ulong.MaxValue], "tcp://127.0.0.1:5555", "tcp://127.0.0.1:40000"), version2: true, out NativeMonitorEvent parsed));
        Assert.Equal(ZmqMonitorEventType.PipesStats, parsed.Type);
        Assert.Equal(2, parsed.ValueCount);
        Assert.Equal(3, parsed.Value);
        Assert.Equal(3UL, parsed.ValueAt(0));
        Assert.Equal(ulong.MaxValue, parsed.ValueAt(1));
        Assert.Equal("tcp://127.0.0.1:5555", parsed.Local);
        Assert.Equal("tcp://127.0.0.1:40000", parsed.Remote);

        Assert.True(NativeMonitorEvent.TryParse(Version2(ZmqMonitorEventType.Listening, [], "tcp://127.0.0.1:5555", ""), version2: true, out NativeMonitorEvent bare));
        Assert.Equal(0, bare.ValueCount);
        Assert.Equal(0, bare.Value);
    }

    public static TheoryData<string, bool> NotEvents() => new()
    {
        { "v1: three frames", false },
        { "v1: a first frame of eight bytes", false },
        { "v1 frames read as v2", true },
        { "v2: a count the frames do not match", true },
        { "v2: more values than any event has", true },
        { "v2: a value of four bytes", true },
        { "v2 frames read as v1", false },
    };

    [Theory]
    [MemberData(nameof(NotEvents))]
    public void Frames_that_are_not_an_event_of_the_format_are_refused(string what, bool version2)
    {
        List<byte[]> frames = what switch
        {
            "v1: three frames" => [.. Version1(ZmqMonitorEventType.Connected, 7, "tcp://a:1"), [1]],
            "v1: a first frame of eight bytes" => [new byte[8], Encoding.UTF8.GetBytes("tcp://a:1")],
            "v1 frames read as v2" => Version1(ZmqMonitorEventType.Connected, 7, "tcp://a:1"),
            "v2: a count the frames do not match" => Without(Version2(ZmqMonitorEventType.PipesStats, [1, 2], "l", "r"), index: 3),
            "v2: more values than any event has" => Version2(ZmqMonitorEventType.PipesStats, new ulong[17], "l", "r"),
            "v2: a value of four bytes" => Replace(Version2(ZmqMonitorEventType.Connected, [1], "l", "r"), index: 2, new byte[4]),
            "v2 frames read as v1" => Version2(ZmqMonitorEventType.Connected, [1], "l", "r"),
            _ => throw new ArgumentException($"no frames for the case '{what}'", nameof(what)),
        };
        Assert.False(NativeMonitorEvent.TryParse(frames, version2, out _), what);

        static List<byte[]> Without(List<byte[]> frames, int index)
        {
            frames.RemoveAt(index);
            return frames;
        }

        static List<byte[]> Replace(List<byte[]> frames, int index, byte[] frame)
        {
            frames[index] = frame;
            return frames;
        }
    }

    // The peer table parses every monitor event of every tracked socket: the parser decodes the two
    // endpoints (empty ones cost nothing) and reads values from the frames, so beyond those strings
    // an event costs no allocation (no values array, no boxing).
    [Fact]
    public void Parsing_allocates_nothing_beyond_the_endpoints()
    {
        List<byte[]> frames = Version2(ZmqMonitorEventType.PipesStats, [3, 5], "", "");
        long allocated = AllocationProbe.Steady(() =>
        {
            if (NativeMonitorEvent.TryParse(frames, version2: true, out NativeMonitorEvent parsed))
            {
                s_sink += parsed.ValueAt(0) + parsed.ValueAt(1) + (ulong)parsed.Value + (ulong)parsed.Type;
            }
        });
        Assert.Equal(0, allocated);
    }
}
