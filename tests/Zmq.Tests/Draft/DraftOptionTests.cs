namespace Zmq.Tests.Draft;

/// <summary>The draft socket options: typed like the stable ones, NotSupportedException without drafts.</summary>
public class DraftOptionTests
{
    [Fact]
    public void Draft_options_round_trip_where_libzmq_has_drafts_and_are_NotSupported_where_not()
    {
        using var context = new ZmqContext();
        using var router = context.CreateSocket(ZmqSocketType.Router);
        using var xpub = context.CreateSocket(ZmqSocketType.XPub);
        Action[] uses =
        [
            () => { router.ZapEnforceDomain = true; Assert.True(router.ZapEnforceDomain); },
            () => { router.LoopbackFastPath = true; Assert.True(router.LoopbackFastPath); },
            () => router.SetMetadata("X-Service:orders"),
            () => { router.MulticastLoop = false; Assert.False(router.MulticastLoop); },
            () => { router.RouterNotify = 3; Assert.Equal(3, router.RouterNotify); },
            () => xpub.SetXPubManualLastValue(true),
            () => { router.SocksUsername = "user"; Assert.Equal("user", router.SocksUsername); },
            () => { router.SocksPassword = "secret"; Assert.Equal("secret", router.SocksPassword); },
            () => { router.InBatchSize = 4096; Assert.Equal(4096, router.InBatchSize); },
            () => { router.OutBatchSize = 4096; Assert.Equal(4096, router.OutBatchSize); },
            () => xpub.SetOnlyFirstSubscribe(true),
            () => { router.ReconnectStop = 1; Assert.Equal(1, router.ReconnectStop); },
            () => router.SetHelloMessage("hello"u8.ToArray()),
            () => router.SetDisconnectMessage("bye"u8.ToArray()),
            () => { router.Priority = 2; Assert.Equal(2, router.Priority); },
        ];
        // Debian's libzmq5 (no drafts) still implements some of these (ZAP_ENFORCE_DOMAIN, METADATA,
        // SOCKS_*, RECONNECT_STOP...: zmq.h lists them as draft, options.cpp does not guard them) and
        // refuses others (ROUTER_NOTIFY, IN/OUT_BATCH_SIZE, HELLO/DISCONNECT_MSG, PRIORITY). Each
        // must then work or be NotSupportedException, never a bare EINVAL.
        int notSupported = 0;
        for (int i = 0; i < uses.Length; i++)
        {
            if (ZmqLibrary.Has("draft"))
            {
                uses[i]();
                continue;
            }
            Exception? error = Record.Exception(uses[i]);
            if (error is not null)
            {
                Assert.True(error is NotSupportedException, $"draft option #{i}: {error}");
                Assert.Contains("Has(\"draft\") is false", error.Message, StringComparison.Ordinal);
                notSupported++;
            }
        }
        Assert.True(ZmqLibrary.Has("draft") || notSupported >= 5, $"only {notSupported} draft options were refused without drafts");
    }

    [Fact]
    public void The_draft_context_option_round_trips_where_libzmq_has_drafts_and_is_NotSupported_where_not()
    {
        using var context = new ZmqContext();
        if (ZmqLibrary.Has("draft"))
        {
            Assert.True(context.ZeroCopyReceive);
            context.ZeroCopyReceive = false;
            Assert.False(context.ZeroCopyReceive);
        }
        else
        {
            var error = Assert.Throws<NotSupportedException>(() => context.ZeroCopyReceive = false);
            Assert.Contains("ZeroCopyReceive", error.Message, StringComparison.Ordinal);
            Assert.Throws<NotSupportedException>(() => context.ZeroCopyReceive);
        }
    }

    [Fact]
    public void Draft_option_values_are_checked_before_libzmq_sees_them()
    {
        using var context = new ZmqContext();
        using var router = context.CreateSocket(ZmqSocketType.Router);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => router.InBatchSize = 0);
        Assert.Contains("InBatchSize", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => router.RouterNotify = -1);
        Assert.Throws<ArgumentNullException>(() => router.SetHelloMessage(null!));
    }

    [Fact]
    public void A_router_with_notify_receives_an_empty_message_when_a_peer_connects() => Support.Watchdog.Run(() =>
    {
        if (!ZmqLibrary.Has("draft"))
        {
            using var probe = new ZmqContext();
            using var plain = probe.CreateSocket(ZmqSocketType.Router);
            Assert.Throws<NotSupportedException>(() => plain.RouterNotify = 1);
            return;
        }
        using var context = new ZmqContext();
        using var router = Support.TestSockets.CreateBounded(context, ZmqSocketType.Router);
        router.RouterNotify = Zmq.Interop.LibZmq.Draft.ZMQ_NOTIFY_CONNECT;
        using var dealer = Support.TestSockets.CreateBounded(context, ZmqSocketType.Dealer);
        dealer.Connect(Support.Endpoints.BindAny(router, "tcp"));
        var frames = router.ReceiveMultipart();
        Assert.Equal(2, frames.Count); // [routing id][empty]
        Assert.Empty(frames[1]);
    });
}
