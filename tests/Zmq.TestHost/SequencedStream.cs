using System.Buffers.Binary;
using System.Globalization;
using Zmq.Samples;

namespace Zmq.TestHost;

/// <summary>
/// The two ends of a numbered PUSH/PULL stream for the multi-host tests, each run inside its own
/// network namespace. Every message is a little-endian 64-bit sequence number, so the receiver can
/// say exactly what was lost, duplicated or reordered when the link between them is cut. Both ends
/// use the samples' heartbeat policy (<see cref="Heartbeats"/>), link lines included.
/// </summary>
internal static class SequencedStream
{
    private const long EndOfStream = -1;

    /// <summary>
    /// Binds a PULL socket, prints <c>bound &lt;endpoint&gt;</c>, <c>progress &lt;n&gt;</c> every 500
    /// messages, and at the end one <c>summary</c> line: received, first, last, lost, gaps (with their
    /// ranges) and out-of-order (duplicates or reordered). Ends on the sender's end marker or after
    /// <paramref name="idle"/> without a message.
    /// </summary>
    public static int Receive(string bindEndpoint, TimeSpan heartbeat, TimeSpan idle)
    {
        using var context = new ZmqContext();
        using var pull = context.CreateSocket(ZmqSocketType.Pull);
        using var monitor = Heartbeats.Enable(pull, heartbeat);
        pull.ReceiveTimeout = idle;
        pull.Bind(bindEndpoint);
        SampleSession.WriteLine($"bound {pull.LastEndpoint}");
        long next = 0, received = 0, outOfOrder = 0, first = -1;
        var gaps = new List<(long First, long Last)>();
        bool ended = false;
        Span<byte> buffer = stackalloc byte[8];
        while (pull.TryReceive(buffer, out ZmqReceiveResult result))
        {
            long sequence = result.FrameLength == 8 ? BinaryPrimitives.ReadInt64LittleEndian(buffer) : long.MinValue;
            if (sequence == EndOfStream)
            {
                ended = true;
                break;
            }
            if (sequence < next)
            {
                outOfOrder++;
                continue;
            }
            if (first < 0)
            {
                first = sequence;
            }
            if (sequence > next)
            {
                gaps.Add((next, sequence - 1));
            }
            next = sequence + 1;
            if (++received % 500 == 0)
            {
                SampleSession.WriteLine($"progress {received}");
            }
        }
        long lost = gaps.Sum(g => g.Last - g.First + 1);
        string ranges = string.Join(",", gaps.Select(g => $"{g.First}-{g.Last}"));
        SampleSession.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary received={received} first={first} last={next - 1} lost={lost} gaps={gaps.Count} out-of-order={outOfOrder} ended={ended} ranges={ranges}"));
        return 0;
    }

    /// <summary>
    /// Connects a PUSH socket and sends <paramref name="count"/> numbered messages, one about every
    /// millisecond, then the end marker; prints <c>sent &lt;n&gt;</c> when done. Disposal lingers
    /// (the context default), so whatever is still queued after a reconnect is delivered.
    /// </summary>
    public static int Send(string endpoint, TimeSpan heartbeat, long count)
    {
        using var context = new ZmqContext();
        using var push = context.CreateSocket(ZmqSocketType.Push);
        using var monitor = Heartbeats.Enable(push, heartbeat);
        push.Connect(endpoint);
        Span<byte> buffer = stackalloc byte[8];
        for (long sequence = 0; sequence < count; sequence++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, sequence);
            push.Send(buffer);
            Thread.Sleep(1); // Pacing: one message a millisecond, as documented above.
        }
        BinaryPrimitives.WriteInt64LittleEndian(buffer, EndOfStream);
        push.Send(buffer);
        SampleSession.WriteLine($"sent {count}");
        return 0;
    }
}
