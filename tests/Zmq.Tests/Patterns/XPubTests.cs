using Zmq.Tests.Support;

namespace Zmq.Tests.Patterns;

/// <summary>
/// What publishers do at the high-water mark and what an XPUB sees of its subscribers: PUB drops
/// silently past the mark, XPUB_NODROP turns that into "would block", and subscription frames
/// (verbose duplicates, welcome message, unsubscribe on disconnect) arrive (catalogue L10, L36).
/// </summary>
public class XPubTests
{
    [Fact]
    public void A_pub_past_its_high_water_mark_drops_silently_and_the_sub_gets_only_what_the_queues_hold() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var pub = context.CreateBounded(ZmqSocketType.Pub);
        using var sub = context.CreateBounded(ZmqSocketType.Sub);
        pub.SendHighWatermark = 10;
        sub.ReceiveHighWatermark = 10;
        sub.Subscribe("");
        sub.Connect(pub.BindAny("inproc"));
        TestSockets.WaitForSubscription(pub, sub, "probe");
        for (int i = 0; i < 100; i++)
        {
            Assert.True(pub.TrySend(BitConverter.GetBytes(i), ZmqSendFlags.DontWait), "a PUB send past the mark must succeed (and drop)");
        }
        int received = 0;
        Span<byte> frame = stackalloc byte[8];
        while (sub.TryReceive(frame, out _, ZmqReceiveFlags.DontWait))
        {
            received++;
        }
        // inproc: the pipe holds at most SNDHWM + RCVHWM messages; the rest were dropped.
        Assert.InRange(received, 10, 20);
    });

    [Fact]
    public void With_nodrop_an_xpub_at_the_mark_would_block_and_everything_sent_arrives() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var xpub = context.CreateBounded(ZmqSocketType.XPub);
        using var sub = context.CreateBounded(ZmqSocketType.Sub);
        xpub.SetXPubNoDrop(true);
        xpub.SendHighWatermark = 10;
        sub.ReceiveHighWatermark = 10;
        sub.Subscribe("");
        sub.Connect(xpub.BindAny("inproc"));
        Span<byte> frame = stackalloc byte[8];
        xpub.Receive(frame); // The subscription: after it the XPUB has a matching pipe.
        xpub.SendTimeout = TimeSpan.Zero;
        int sent = 0;
        while (sent < 1000 && xpub.TrySend(BitConverter.GetBytes(sent)))
        {
            sent++;
        }
        Assert.InRange(sent, 1, 999); // Stopped by EAGAIN, not by the loop's end.
        for (int i = 0; i < sent; i++)
        {
            sub.Receive(frame);
            Assert.Equal(i, BitConverter.ToInt32(frame));
        }
    });

    [Fact]
    public void A_verbose_xpub_passes_duplicate_subscriptions_and_a_plain_one_does_not() => Watchdog.Run(() =>
    {
        Span<byte> buffer = stackalloc byte[16];
        foreach (bool verbose in new[] { false, true })
        {
            using var context = new ZmqContext();
            using var xpub = context.CreateBounded(ZmqSocketType.XPub);
            xpub.SetXPubVerbose(verbose);
            string endpoint = xpub.BindAny("inproc");
            using var first = context.CreateBounded(ZmqSocketType.Sub);
            using var second = context.CreateBounded(ZmqSocketType.Sub);
            first.Connect(endpoint);
            second.Connect(endpoint);
            first.Subscribe("topic");
            first.Subscribe("end-1");
            second.Subscribe("topic");
            second.Subscribe("end-2");
            // Each subscriber's frames arrive in order, so once both end markers (new topics, always
            // passed on) are in, every "topic" frame that will ever come has come: counted without
            // a timing guess, however slow the machine.
            xpub.ReceiveTimeout = TestSockets.Timeout;
            int topicFrames = 0, markers = 0;
            while (markers < 2)
            {
                var result = xpub.Receive(buffer);
                string frame = System.Text.Encoding.UTF8.GetString(buffer[1..result.BytesWritten]);
                Assert.Equal(1, buffer[0]);
                if (frame == "topic")
                {
                    topicFrames++;
                }
                else
                {
                    Assert.StartsWith("end-", frame, StringComparison.Ordinal);
                    markers++;
                }
            }
            Assert.Equal(verbose ? 2 : 1, topicFrames);
        }
    });

    [Fact]
    public void A_subscriber_that_disconnects_shows_as_an_unsubscription() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var xpub = context.CreateBounded(ZmqSocketType.XPub);
        string endpoint = xpub.BindAny("inproc");
        var sub = context.CreateBounded(ZmqSocketType.Sub);
        sub.Connect(endpoint);
        sub.Subscribe("news");
        Span<byte> buffer = stackalloc byte[16];
        var result = xpub.Receive(buffer);
        Assert.Equal([1, .. "news"u8], buffer[..result.BytesWritten].ToArray());
        sub.Dispose();
        result = xpub.Receive(buffer);
        Assert.Equal([0, .. "news"u8], buffer[..result.BytesWritten].ToArray());
    });

    [Fact]
    public void A_welcome_message_reaches_each_new_subscriber() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var xpub = context.CreateBounded(ZmqSocketType.XPub);
        xpub.SetXPubWelcomeMessage("W"u8.ToArray());
        using var sub = context.CreateBounded(ZmqSocketType.Sub);
        sub.Connect(xpub.BindAny("inproc"));
        sub.Subscribe("W");
        Span<byte> buffer = stackalloc byte[8];
        var subscription = xpub.Receive(buffer);
        Assert.Equal([1, .. "W"u8], buffer[..subscription.BytesWritten].ToArray());
        Assert.Equal("W", sub.ReceiveString());
    });
}
