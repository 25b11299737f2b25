using System.Buffers.Binary;
using Zmq.Tests.Support;

namespace Zmq.Tests.Reliability;

/// <summary>
/// Where ZeroMQ promises delivery (PUSH/PULL, DEALER/ROUTER with peers connected), nothing is lost,
/// duplicated or reordered per sender under sustained load; where it drops (PUB/SUB past the
/// high-water mark) the loss is visible in the counts.
/// </summary>
public class DeliveryUnderLoadTests
{
    private const int Senders = 4;
    private const int Receivers = 2;

    [Theory]
    [InlineData("inproc", 250_000)]
    [InlineData("tcp", 250_000)]
    public void Push_pull_fan_out_and_in_delivers_every_message_once_in_sender_order(string transport, int perSender) => Watchdog.Run(TimeSpan.FromMinutes(3), () =>
    {
        using var context = new ZmqContext();
        var receivers = new List<ZmqSocket>();
        var endpoints = new List<string>();
        for (int r = 0; r < Receivers; r++)
        {
            var pull = context.CreateBounded(ZmqSocketType.Pull);
            endpoints.Add(pull.BindAny(transport));
            receivers.Add(pull);
        }
        var seen = new bool[Senders, perSender];
        long duplicates = 0, outOfOrder = 0, total = 0;
        var receiverThreads = receivers.Select(pull => new Thread(() =>
        {
            var last = new int[Senders];
            Array.Fill(last, -1);
            Span<byte> frame = stackalloc byte[8];
            while (pull.TryReceive(frame, out var result) && result.BytesWritten == 8)
            {
                int sender = BinaryPrimitives.ReadInt32LittleEndian(frame);
                int sequence = BinaryPrimitives.ReadInt32LittleEndian(frame[4..]);
                if (sender < 0)
                {
                    break; // End marker.
                }
                lock (seen)
                {
                    if (seen[sender, sequence])
                    {
                        duplicates++;
                    }
                    seen[sender, sequence] = true;
                    total++;
                }
                if (sequence <= last[sender])
                {
                    Interlocked.Increment(ref outOfOrder);
                }
                last[sender] = sequence;
            }
        })).ToList();
        receiverThreads.ForEach(t => t.Start());

        var senderThreads = Enumerable.Range(0, Senders).Select(id => new Thread(() =>
        {
            using var push = context.CreateBounded(ZmqSocketType.Push);
            push.SendHighWatermark = 1000;
            foreach (string endpoint in endpoints)
            {
                push.Connect(endpoint);
            }
            // No wait for the connections: a connecting socket gets its pipe at Connect (libzmq
            // queues on a connection still in progress unless ZMQ_IMMEDIATE is set), so
            // round-robin spans both receivers from the first send.
            Span<byte> frame = stackalloc byte[8];
            for (int i = 0; i < perSender; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame, id);
                BinaryPrimitives.WriteInt32LittleEndian(frame[4..], i);
                push.Send(frame);
            }
            push.Linger = Timeout.InfiniteTimeSpan; // Flush everything before close.
        })).ToList();
        senderThreads.ForEach(t => t.Start());
        senderThreads.ForEach(t => t.Join());

        // Every sender is done; wait until the count is complete, then stop the receivers.
        long expected = (long)Senders * perSender;
        SpinWait.SpinUntil(() => Interlocked.Read(ref total) >= expected, TimeSpan.FromMinutes(2));
        using (var stopper = context.CreateBounded(ZmqSocketType.Push))
        {
            foreach (string endpoint in endpoints)
            {
                stopper.Connect(endpoint);
            }
            byte[] end = new byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(end, -1);
            for (int r = 0; r < Receivers * 2; r++)
            {
                stopper.TrySend(end, ZmqSendFlags.DontWait);
            }
            receiverThreads.ForEach(t => t.Join(TimeSpan.FromSeconds(30)));
        }
        receivers.ForEach(r => r.Dispose());

        Assert.Equal(expected, total);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, outOfOrder);
        for (int s = 0; s < Senders; s++)
        {
            for (int i = 0; i < perSender; i++)
            {
                Assert.True(seen[s, i], $"message {i} of sender {s} was lost");
            }
        }
    });

    [Theory]
    [InlineData("inproc", 250_000)]
    [InlineData("tcp", 250_000)]
    public void Dealers_and_a_router_exchange_every_request_and_reply_once_in_order(string transport, int perDealer) => Watchdog.Run(TimeSpan.FromMinutes(3), () =>
    {
        const int Dealers = 4;
        const int Window = 500; // Requests a dealer keeps in flight before it reads replies.
        using var context = new ZmqContext();
        using var router = context.CreateBounded(ZmqSocketType.Router);
        // A default ROUTER drops a reply it cannot queue; MANDATORY makes it wait instead.
        router.SetRouterMandatory(true);
        string endpoint = router.BindAny(transport);
        long requestsSeen = 0, routerGaps = 0;
        var routerThread = new Thread(() =>
        {
            var next = new int[Dealers];
            Span<byte> id = stackalloc byte[16];
            Span<byte> body = stackalloc byte[8];
            long expected = (long)Dealers * perDealer;
            while (requestsSeen < expected)
            {
                if (!router.TryReceive(id, out var idFrame) || !router.TryReceive(body, out var bodyFrame))
                {
                    return; // Timed out: the counts below show what is missing.
                }
                int dealer = BinaryPrimitives.ReadInt32LittleEndian(body);
                int sequence = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                if (sequence != next[dealer])
                {
                    routerGaps++;
                }
                next[dealer] = sequence + 1;
                requestsSeen++;
                router.Send(id[..idFrame.BytesWritten], ZmqSendFlags.SendMore);
                router.Send(body[..bodyFrame.BytesWritten]);
            }
        });
        routerThread.Start();

        var repliesInOrder = new long[Dealers];
        var replyErrors = new long[Dealers];
        var dealerThreads = Enumerable.Range(0, Dealers).Select(d => new Thread(() =>
        {
            using var dealer = context.CreateBounded(ZmqSocketType.Dealer);
            dealer.RoutingId = [(byte)'d', (byte)d];
            dealer.Connect(endpoint);
            Span<byte> frame = stackalloc byte[8];
            int replies = 0;
            bool ReadReply(Span<byte> buffer)
            {
                if (!dealer.TryReceive(buffer, out _) || BinaryPrimitives.ReadInt32LittleEndian(buffer) != d
                    || BinaryPrimitives.ReadInt32LittleEndian(buffer[4..]) != replies)
                {
                    return false;
                }
                replies++;
                return true;
            }
            for (int i = 0; i < perDealer; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame, d);
                BinaryPrimitives.WriteInt32LittleEndian(frame[4..], i);
                dealer.Send(frame);
                if (i - replies >= Window && !ReadReply(frame))
                {
                    replyErrors[d]++;
                    break;
                }
            }
            while (replies < perDealer && ReadReply(frame))
            {
            }
            repliesInOrder[d] = replies;
        })).ToList();
        dealerThreads.ForEach(t => t.Start());
        dealerThreads.ForEach(t => t.Join());
        routerThread.Join(TimeSpan.FromSeconds(30));

        Assert.Equal((long)Dealers * perDealer, requestsSeen);
        Assert.Equal(0, routerGaps);
        Assert.All(replyErrors, errors => Assert.Equal(0, errors));
        Assert.All(repliesInOrder, replies => Assert.Equal(perDealer, replies));
    });

    [Fact]
    public void A_slow_receiver_applies_back_pressure_instead_of_losing_messages() => Watchdog.Run(TimeSpan.FromMinutes(2), () =>
    {
        const int Count = 5_000;
        using var context = new ZmqContext();
        using var pull = context.CreateBounded(ZmqSocketType.Pull);
        using var push = context.CreateBounded(ZmqSocketType.Push);
        pull.ReceiveHighWatermark = 10;
        push.SendHighWatermark = 10;
        push.Connect(pull.BindAny("tcp"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int blockedSends = 0;
        var sender = new Thread(() =>
        {
            for (int i = 0; i < Count; i++)
            {
                // A non-blocking try first shows the sender meeting the high-water mark.
                if (!push.TrySend(BitConverter.GetBytes(i), ZmqSendFlags.DontWait))
                {
                    blockedSends++;
                    push.Send(BitConverter.GetBytes(i));
                }
            }
        });
        sender.Start();
        byte[] buffer = new byte[4];
        for (int i = 0; i < Count; i++)
        {
            if (i % 500 == 0)
            {
                Thread.Sleep(20); // The slow part: a duration the test is about (a receiver slower than its sender), not an event.
            }
            pull.Receive(buffer);
            Assert.Equal(i, BitConverter.ToInt32(buffer));
        }
        sender.Join();
        Assert.True(blockedSends > 0, "the sender never met the high-water mark, so back-pressure was not exercised");
    });

    [Fact]
    public void Pub_sub_past_the_high_water_mark_drops_and_the_counts_show_it() => Watchdog.Run(() =>
    {
        const int Count = 20_000;
        using var context = new ZmqContext();
        using var pub = context.CreateBounded(ZmqSocketType.Pub);
        using var sub = context.CreateBounded(ZmqSocketType.Sub);
        pub.SendHighWatermark = 10;
        sub.ReceiveHighWatermark = 10;
        sub.Connect(pub.BindAny("inproc"));
        sub.Subscribe("");
        TestSockets.WaitForSubscription(pub, sub, "probe");
        for (int i = 0; i < Count; i++)
        {
            pub.Send(BitConverter.GetBytes(i)); // Never blocks: PUB drops for a full subscriber.
        }
        int received = 0;
        int previous = -1;
        byte[] buffer = new byte[8];
        sub.ReceiveTimeout = TimeSpan.FromMilliseconds(300);
        while (sub.TryReceive(buffer, out var result))
        {
            if (result.BytesWritten == 4)
            {
                int value = BitConverter.ToInt32(buffer);
                Assert.True(value > previous, "what arrives stays in order");
                previous = value;
                received++;
            }
        }
        Assert.True(received < Count, $"received {received} of {Count}: PUB dropped nothing past a 10-message high-water mark");
        Assert.True(received > 0);
    });
}
