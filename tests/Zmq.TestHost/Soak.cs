using System.Buffers.Binary;
using System.Diagnostics;

namespace Zmq.TestHost;

/// <summary>
/// The soak run: PUSH senders and PULL receivers over tcp for a chosen time, every message
/// sequence-numbered per sender; prints messages sent, received and lost and the peak memory.
/// Exit 1 if anything was lost, duplicated or reordered.
/// </summary>
internal static class Soak
{
    private const int Senders = 3;
    private const int Receivers = 2;

    public static int Run(TimeSpan duration)
    {
        using var context = new ZmqContext();
        var pulls = new List<ZmqSocket>();
        var endpoints = new List<string>();
        for (int r = 0; r < Receivers; r++)
        {
            var pull = context.CreateSocket(ZmqSocketType.Pull);
            pull.ReceiveTimeout = TimeSpan.FromSeconds(5);
            pull.Bind("tcp://127.0.0.1:*");
            endpoints.Add(pull.LastEndpoint);
            pulls.Add(pull);
        }
        long received = 0, duplicatesOrGaps = 0;
        var sent = new long[Senders];
        var lastSeen = new long[Receivers, Senders];
        var highest = new long[Senders];
        Array.Fill(highest, -1);
        var receiverThreads = pulls.Select((pull, index) => new Thread(() =>
        {
            for (int s = 0; s < Senders; s++)
            {
                lastSeen[index, s] = -1;
            }
            Span<byte> frame = stackalloc byte[12];
            while (pull.TryReceive(frame, out var result) && result.BytesWritten == 12)
            {
                int sender = BinaryPrimitives.ReadInt32LittleEndian(frame);
                long sequence = BinaryPrimitives.ReadInt64LittleEndian(frame[4..]);
                if (sequence <= lastSeen[index, sender])
                {
                    Interlocked.Increment(ref duplicatesOrGaps);
                }
                lastSeen[index, sender] = sequence;
                Interlocked.Increment(ref received);
            }
        })).ToList();
        receiverThreads.ForEach(t => t.Start());

        var clock = Stopwatch.StartNew();
        var senderThreads = Enumerable.Range(0, Senders).Select(id => new Thread(() =>
        {
            using var push = context.CreateSocket(ZmqSocketType.Push);
            push.Linger = Timeout.InfiniteTimeSpan;
            endpoints.ForEach(push.Connect);
            Span<byte> frame = stackalloc byte[12];
            long sequence = 0;
            while (clock.Elapsed < duration)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame, id);
                BinaryPrimitives.WriteInt64LittleEndian(frame[4..], sequence++);
                push.Send(frame);
            }
            sent[id] = sequence;
        })).ToList();
        senderThreads.ForEach(t => t.Start());
        senderThreads.ForEach(t => t.Join());
        long total = sent.Sum();
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref received) < total && drain.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(10); // Polling interval of a drain bounded by 30 s.
        }
        receiverThreads.ForEach(t => t.Join());
        pulls.ForEach(p => p.Dispose());
        long lost = total - received;
        long peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        Console.WriteLine(FormattableString.Invariant(
            $"soak {duration.TotalSeconds:F0} s over tcp, {Senders} senders -> {Receivers} receivers: sent {total:N0}, received {received:N0}, lost {lost:N0}, out of order or duplicated {duplicatesOrGaps:N0}; {total / duration.TotalSeconds:N0} msg/s; peak memory {peakMb} MB"));
        return lost == 0 && duplicatesOrGaps == 0 ? 0 : 1;
    }
}
