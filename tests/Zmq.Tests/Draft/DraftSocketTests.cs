using Zmq.Tests.Support;

namespace Zmq.Tests.Draft;

/// <summary>
/// The draft socket types. The Release run loads the bundled library (drafts on), the Debug run
/// Debian's libzmq5 (drafts off): each test checks the behaviour of the library it has.
/// </summary>
public class DraftSocketTests
{
    private static readonly ZmqSocketType[] DraftTypes =
    [
        ZmqSocketType.Server, ZmqSocketType.Client, ZmqSocketType.Radio, ZmqSocketType.Dish, ZmqSocketType.Gather,
        ZmqSocketType.Scatter, ZmqSocketType.Dgram, ZmqSocketType.Peer, ZmqSocketType.Channel,
    ];

    [Fact]
    public void Draft_types_are_created_where_libzmq_has_drafts_and_are_NotSupported_where_not()
    {
        using var context = new ZmqContext();
        foreach (ZmqSocketType type in DraftTypes)
        {
            if (ZmqLibrary.Has("draft"))
            {
                using var socket = context.CreateSocket(type);
                Assert.Equal(type, socket.NativeSocketType);
                // The binding's own list of thread-safe types must agree with libzmq's ZMQ_THREAD_SAFE.
                Assert.Equal(type != ZmqSocketType.Dgram, socket.IsThreadSafe);
            }
            else
            {
                var error = Assert.Throws<NotSupportedException>(() => context.CreateSocket(type));
                Assert.Contains($"ZmqSocketType.{type} is part of libzmq's draft API", error.Message, StringComparison.Ordinal);
                Assert.Contains("Zmq.Native", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_server_replies_to_the_routing_id_a_request_came_with_and_refuses_an_unknown_one() => Watchdog.Run(() =>
    {
        if (!DraftsAvailable(ZmqSocketType.Server, ZmqSocketType.Client))
        {
            return;
        }
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Server);
        using var first = context.CreateBounded(ZmqSocketType.Client);
        using var second = context.CreateBounded(ZmqSocketType.Client);
        string endpoint = server.BindAny("tcp");
        first.Connect(endpoint);
        second.Connect(endpoint);
        first.Send("from first"u8);
        second.Send("from second"u8);
        Span<byte> buffer = stackalloc byte[64];
        var routes = new Dictionary<string, uint>();
        for (int i = 0; i < 2; i++)
        {
            int size = server.Receive(buffer, out uint routingId);
            Assert.NotEqual(0u, routingId);
            routes[System.Text.Encoding.UTF8.GetString(buffer[..size])] = routingId;
        }
        server.Send("to second"u8, routes["from second"]);
        server.Send("to first"u8, routes["from first"]);
        Assert.Equal("to first", first.ReceiveString());
        Assert.Equal("to second", second.ReceiveString());
        var error = Assert.Throws<ZmqException>(() => server.Send("nobody"u8, routes["from first"] + routes["from second"] + 1000));
        Assert.Equal(ZmqError.HostUnreachable, error.Error);
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Send("zero"u8, 0u));
    });

    [Fact]
    public void A_dish_gets_only_the_groups_it_joined_and_stops_when_it_leaves() => Watchdog.Run(() =>
    {
        if (!DraftsAvailable(ZmqSocketType.Dish, ZmqSocketType.Radio))
        {
            return;
        }
        using var context = new ZmqContext();
        using var dish = context.CreateBounded(ZmqSocketType.Dish);
        using var radio = context.CreateBounded(ZmqSocketType.Radio);
        string endpoint = dish.BindAny("tcp");
        radio.Connect(endpoint);
        dish.Join("weather");
        // Joins travel to the radio asynchronously: probe until the first one gets through.
        dish.ReceiveTimeout = TimeSpan.FromMilliseconds(50);
        Span<byte> buffer = stackalloc byte[64];
        string group = "";
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (true)
        {
            radio.Send("probe"u8, "weather");
            try
            {
                dish.Receive(buffer, out group);
                break;
            }
            catch (ZmqException e) when (e.Error == ZmqError.TryAgain && DateTime.UtcNow < deadline)
            {
            }
        }
        Assert.Equal("weather", group);
        while (TryReceive(dish, buffer, out _))
        {
        }

        radio.Send("sports news"u8, "sports");
        radio.Send("rain"u8, "weather");
        // What must arrive is waited for as long as the suite waits for anything (the 50 ms above
        // only paces the probes: under an emulator a frame can take longer), and a probe the drain
        // above stopped short of is skipped.
        dish.ReceiveTimeout = TestSockets.Timeout;
        int size = dish.Receive(buffer, out group);
        while (System.Text.Encoding.UTF8.GetString(buffer[..size]) == "probe")
        {
            size = dish.Receive(buffer, out group);
        }
        Assert.Equal(("weather", "rain"), (group, System.Text.Encoding.UTF8.GetString(buffer[..size])));

        dish.Leave("weather");
        dish.Join("sports");
        dish.ReceiveTimeout = TimeSpan.FromMilliseconds(50);
        deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (true)
        {
            radio.Send("goal"u8, "sports");
            radio.Send("sun"u8, "weather");
            if (TryReceive(dish, buffer, out group) && group == "sports")
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the dish never received the group it joined");
        }
        // Once sports arrives the leave has reached the radio too (commands stay in order).
        radio.Send("snow"u8, "weather");
        radio.Send("match"u8, "sports");
        dish.ReceiveTimeout = TestSockets.Timeout;
        size = dish.Receive(buffer, out group);
        while (group == "sports" && System.Text.Encoding.UTF8.GetString(buffer[..size]) == "goal")
        {
            size = dish.Receive(buffer, out group);
        }
        Assert.Equal(("sports", "match"), (group, System.Text.Encoding.UTF8.GetString(buffer[..size])));
    });

    [Fact]
    public void Bad_groups_and_calls_on_the_wrong_type_are_clear_errors()
    {
        if (!DraftsAvailable(ZmqSocketType.Dish, ZmqSocketType.Radio))
        {
            return;
        }
        using var context = new ZmqContext();
        using var dish = context.CreateBounded(ZmqSocketType.Dish);
        using var radio = context.CreateBounded(ZmqSocketType.Radio);
        var tooLong = Assert.Throws<ArgumentException>(() => dish.Join("sixteen-bytes-xx"));
        Assert.Contains("'sixteen-bytes-xx' is 16 UTF-8 bytes", tooLong.Message, StringComparison.Ordinal);
        dish.Join("fifteen-bytes-x");
        Assert.Throws<ArgumentException>(() => dish.Join("a\0b"));
        Assert.Throws<ArgumentNullException>(() => dish.Join(null!));
        var wrongType = Assert.Throws<InvalidOperationException>(() => radio.Join("g"));
        Assert.Contains("Join is for Dish sockets; this one is Radio", wrongType.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => radio.Send("x"u8, "sixteen-bytes-xx"));
        var message = new ZmqMessage(1);
        Assert.IsType<ArgumentException>(SetGroup(ref message, "sixteen-bytes-xx"));
        message.Group = "ok";
        Assert.Equal("ok", message.Group);
        message.Dispose();
        Assert.Equal(string.Empty, message.Group);
        Assert.IsType<ObjectDisposedException>(SetGroup(ref message, "late"));
    }

    [Fact]
    public void Scatter_deals_round_robin_and_gather_fair_queues() => Watchdog.Run(() =>
    {
        if (!DraftsAvailable(ZmqSocketType.Scatter, ZmqSocketType.Gather))
        {
            return;
        }
        using var context = new ZmqContext();
        using var scatter = context.CreateBounded(ZmqSocketType.Scatter);
        using var left = context.CreateBounded(ZmqSocketType.Gather);
        using var right = context.CreateBounded(ZmqSocketType.Gather);
        string endpoint = scatter.BindAny("tcp");
        left.Connect(endpoint);
        right.Connect(endpoint);
        // Deal probes until both gathers have one: then both connections are up and the dealing
        // that follows alternates strictly.
        left.ReceiveTimeout = right.ReceiveTimeout = TimeSpan.FromMilliseconds(20);
        bool leftUp = false, rightUp = false;
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (!(leftUp && rightUp))
        {
            Assert.True(DateTime.UtcNow < deadline, "a gather never connected");
            scatter.SendString("probe");
            leftUp |= left.TryReceiveString(out _);
            rightUp |= right.TryReceiveString(out _);
        }
        while (left.TryReceiveString(out _) || right.TryReceiveString(out _))
        {
        }
        left.ReceiveTimeout = right.ReceiveTimeout = TestSockets.Timeout;
        for (int i = 0; i < 10; i++)
        {
            scatter.SendString(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var got = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            got.Add(int.Parse(left.ReceiveString(), System.Globalization.CultureInfo.InvariantCulture));
            got.Add(int.Parse(right.ReceiveString(), System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(Enumerable.Range(0, 10), got.Order());
    });

    [Fact]
    public void Peers_address_each_other_by_the_routing_id_connect_peer_returns() => Watchdog.Run(() =>
    {
        if (!DraftsAvailable(ZmqSocketType.Peer))
        {
            return;
        }
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Peer);
        using var b = context.CreateBounded(ZmqSocketType.Peer);
        string endpoint = b.BindAny("tcp");
        uint toB = a.ConnectPeer(endpoint);
        Assert.NotEqual(0u, toB);
        a.Send("hello b"u8, toB);
        Span<byte> buffer = stackalloc byte[32];
        int size = b.Receive(buffer, out uint toA);
        Assert.Equal("hello b", System.Text.Encoding.UTF8.GetString(buffer[..size]));
        b.Send("hello a"u8, toA);
        size = a.Receive(buffer, out uint from);
        Assert.Equal(("hello a", toB), (System.Text.Encoding.UTF8.GetString(buffer[..size]), from));
        Assert.Throws<InvalidOperationException>(() => b.Join("g"));
    });

    [Fact]
    public void Dgram_messages_are_an_address_frame_and_a_body_frame() => Watchdog.Run(() =>
    {
        if (!DraftsAvailable(ZmqSocketType.Dgram))
        {
            return;
        }
        using var context = new ZmqContext();
        using var left = context.CreateBounded(ZmqSocketType.Dgram);
        using var right = context.CreateBounded(ZmqSocketType.Dgram);
        // udp has no "any port" in libzmq: take a port the OS says is free.
        int port;
        using (var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)))
        {
            port = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }
        right.Bind($"udp://127.0.0.1:{port}");
        left.Bind("udp://127.0.0.1:*");
        Assert.False(left.IsThreadSafe);
        // A DGRAM message is [address][body]: the address frame says where it goes.
        left.SendMultipart($"127.0.0.1:{port}", "datagram");
        var received = right.ReceiveMultipartStrings();
        Assert.Equal(2, received.Count);
        Assert.StartsWith("127.0.0.1:", received[0], StringComparison.Ordinal);
        Assert.Equal("datagram", received[1]);
        // The reply goes to the address the datagram came from.
        right.SendMultipart(received[0], "reply");
        Assert.Equal("reply", left.ReceiveMultipartStrings()[1]);
    });

    [Fact]
    public void Channels_are_a_thread_safe_pair() => Watchdog.Run(() =>
    {
        if (!DraftsAvailable(ZmqSocketType.Channel))
        {
            return;
        }
        using var context = new ZmqContext();
        using var a = context.CreateBounded(ZmqSocketType.Channel);
        using var b = context.CreateBounded(ZmqSocketType.Channel);
        b.Connect(a.BindAny("inproc"));
        a.SendString("ping");
        Assert.Equal("ping", b.ReceiveString());
        b.SendString("pong");
        Assert.Equal("pong", a.ReceiveString());
    });

    [Fact]
    public void A_thread_safe_socket_has_no_file_descriptor_but_answers_events()
    {
        if (!DraftsAvailable(ZmqSocketType.Client))
        {
            return;
        }
        using var context = new ZmqContext();
        using var client = context.CreateBounded(ZmqSocketType.Client);
        var descriptor = Assert.Throws<NotSupportedException>(() => client.FileDescriptor);
        Assert.Contains("has no ZMQ_FD", descriptor.Message, StringComparison.Ordinal);
        Assert.Equal(ZmqPollEvents.None, client.Events); // ZMQ_EVENTS still answers: no peer, nothing either way
    }

    /// <summary>
    /// True where the loaded libzmq has drafts; elsewhere proves that each type the test needs is a
    /// NotSupportedException, and returns false (the test has then checked what that library can do).
    /// </summary>
    private static bool DraftsAvailable(params ZmqSocketType[] types)
    {
        if (ZmqLibrary.Has("draft"))
        {
            return true;
        }
        using var context = new ZmqContext();
        foreach (ZmqSocketType type in types)
        {
            Assert.Throws<NotSupportedException>(() => context.CreateSocket(type));
        }
        return false;
    }

    private static Exception? SetGroup(ref ZmqMessage message, string group)
    {
        try
        {
            message.Group = group;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static bool TryReceive(ZmqSocket dish, Span<byte> buffer, out string group)
    {
        try
        {
            dish.Receive(buffer, out group);
            return true;
        }
        catch (ZmqException e) when (e.Error == ZmqError.TryAgain)
        {
            group = "";
            return false;
        }
    }
}
