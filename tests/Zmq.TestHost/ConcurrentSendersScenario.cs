using System.Buffers.Binary;
using System.Diagnostics;

namespace Zmq.TestHost;

/// <summary>
/// 64 tasks await SendAsync / SendMultipartAsync on one classic socket (DEALER→ROUTER or
/// PUSH→PULL, inproc or tcp), with no lock of their own: 100,000 messages in all, every third one
/// multipart (three frames, each carrying the message's number). The sender's high-water mark is
/// small, so sends park and queue behind each other. The reader checks that every message arrives
/// exactly once, multipart ones whole (never another message's frame inside), and each task's
/// messages in the order it sent them.
/// </summary>
/// <remarks>Passes with exit 0 and a last line "ok"; a watchdog reports a stall (exit 1) instead of waiting it out.</remarks>
internal static class ConcurrentSendersScenario
{
    private const int Senders = 64;
    private const int Messages = 100_000;
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(120);

    public static int Run(string pattern, string transport)
    {
        if (pattern is not ("dealer" or "push") || transport is not ("inproc" or "tcp"))
        {
            Console.Error.WriteLine("usage: concurrent-senders <dealer|push> <inproc|tcp>");
            return 2;
        }
        Console.WriteLine($"backend={ZmqLibrary.AsyncBackend} pattern={pattern} transport={transport}");
        using var context = new ZmqContext();
        using var reader = context.CreateSocket(pattern == "dealer" ? ZmqSocketType.Router : ZmqSocketType.Pull);
        using var sender = context.CreateSocket(pattern == "dealer" ? ZmqSocketType.Dealer : ZmqSocketType.Push);
        reader.Linger = sender.Linger = TimeSpan.Zero;
        reader.ReceiveTimeout = TimeSpan.FromSeconds(20);
        sender.SendHighWatermark = 16;
        reader.ReceiveHighWatermark = 16;
        reader.Bind(transport == "tcp" ? "tcp://127.0.0.1:*" : $"inproc://concurrent-senders-{Environment.ProcessId}");
        sender.Connect(reader.LastEndpoint!);

        int received = 0;
        string? readerFailure = null;
        var reading = new Thread(() => readerFailure = Read(reader, pattern == "dealer", ref received)) { IsBackground = true, Name = "reader" };
        reading.Start();

        var stopwatch = Stopwatch.StartNew();
        var tasks = new Task[Senders];
        for (int s = 0; s < Senders; s++)
        {
            int task = s;
            tasks[s] = Task.Run(async () =>
            {
                for (int seq = 0, id = task; id < Messages; seq++, id += Senders)
                {
                    byte[] number = new byte[8];
                    BinaryPrimitives.WriteInt32LittleEndian(number, id);
                    BinaryPrimitives.WriteInt32LittleEndian(number.AsSpan(4), seq);
                    if (id % 3 == 0)
                    {
                        await sender.SendMultipartAsync([number, number, number]);
                    }
                    else
                    {
                        await sender.SendAsync(number);
                    }
                }
            });
        }
        bool sent;
        try
        {
            sent = Task.WaitAll(tasks, Watchdog);
        }
        catch (AggregateException e)
        {
            return Stalled($"a sender failed: {e.InnerExceptions[0].GetType().Name}: {e.InnerExceptions[0].Message}");
        }
        if (!sent)
        {
            return Stalled($"the senders stalled: {tasks.Count(t => t.IsCompleted)} of {Senders} done, {Volatile.Read(ref received)} messages read");
        }
        if (!reading.Join(Watchdog))
        {
            return Stalled($"the reader stalled at {Volatile.Read(ref received)} messages");
        }
        if (readerFailure is not null)
        {
            Console.WriteLine($"FAILED: {readerFailure}");
            return 1;
        }
        Console.WriteLine($"{Messages} messages from {Senders} concurrent senders, each once and whole, in {stopwatch.ElapsedMilliseconds} ms");
        Console.WriteLine("ok");
        return 0;
    }

    private static string? Read(ZmqSocket reader, bool routed, ref int received)
    {
        var seen = new bool[Messages];
        var lastSequence = new int[Senders];
        Array.Fill(lastSequence, -1);
        try
        {
            for (int n = 0; n < Messages; n++)
            {
                List<byte[]> frames = reader.ReceiveMultipart();
                if (routed)
                {
                    frames.RemoveAt(0); // the sender's routing id
                }
                if (frames.Any(f => f.Length != 8))
                {
                    return $"a frame of {frames.First(f => f.Length != 8).Length} bytes";
                }
                int id = BinaryPrimitives.ReadInt32LittleEndian(frames[0]);
                int sequence = BinaryPrimitives.ReadInt32LittleEndian(frames[0].AsSpan(4));
                int expectedFrames = id % 3 == 0 ? 3 : 1;
                if (frames.Count != expectedFrames || frames.Any(f => !f.AsSpan().SequenceEqual(frames[0])))
                {
                    return $"message {id} arrived with {frames.Count} frames ({string.Join(",", frames.Select(f => BinaryPrimitives.ReadInt32LittleEndian(f)))}), expected {expectedFrames} of its own";
                }
                if (seen[id])
                {
                    return $"message {id} arrived twice";
                }
                seen[id] = true;
                int task = id % Senders;
                if (sequence != lastSequence[task] + 1)
                {
                    return $"task {task}'s message {sequence} arrived after its message {lastSequence[task]}";
                }
                lastSequence[task] = sequence;
                Volatile.Write(ref received, n + 1);
            }
            return null;
        }
        catch (Exception e)
        {
            return $"the reader failed after {Volatile.Read(ref received)} messages: {e.Message}";
        }
    }

    private static int Stalled(string what)
    {
        Console.WriteLine($"FAILED: {what}");
        Console.Out.Flush();
        Environment.Exit(1); // without disposing: a stalled sender may hold the socket
        return 1;
    }
}
