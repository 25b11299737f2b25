using Zmq.Tests.Support;

namespace Zmq.Tests.Options;

public class SocketOptionTests
{
    private static ZmqSocket Socket(ZmqContext context, ZmqSocketType type = ZmqSocketType.Dealer) => context.CreateSocket(type);

    private static bool IsWriteOnlyInLibzmq(string property) => property is "RouterMandatory" or "XPubVerbose" or "RouterRaw"
        or "ProbeRouter" or "RequestCorrelate" or "RequestRelaxed" or "RouterHandover" or "ConnectRoutingId" or "XPubNoDrop"
        or "XPubManual" or "XPubWelcomeMessage" or "StreamNotify" or "XPubVerboser";

    [Fact]
    public void Every_option_number_and_name_comes_from_the_interop_constants()
    {
        var constants = typeof(Zmq.Interop.LibZmq).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Concat(typeof(Zmq.Interop.LibZmq.Draft).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        foreach (ZmqSocketOption option in Enum.GetValues<ZmqSocketOption>())
        {
            string name = OptionNameTable.NativeName((int)option);
            Assert.True(constants.TryGetValue(name, out int value), $"{option} is named '{name}', which LibZmq does not declare");
            Assert.Equal(value, (int)option);
        }
        foreach (string filter in new[] { "ZMQ_IPC_FILTER_PID", "ZMQ_IPC_FILTER_UID", "ZMQ_IPC_FILTER_GID" })
        {
            Assert.Equal(filter, OptionNameTable.NativeName(constants[filter]));
        }
        foreach (ZmqSocketType type in Enum.GetValues<ZmqSocketType>())
        {
            Assert.Equal(constants["ZMQ_" + type.ToString().ToUpperInvariant()], (int)type);
        }
    }

    [Fact]
    public void Integer_options_round_trip()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        s.SendHighWatermark = 123; Assert.Equal(123, s.SendHighWatermark);
        s.ReceiveHighWatermark = 456; Assert.Equal(456, s.ReceiveHighWatermark);
        s.SendBuffer = 65536; Assert.Equal(65536, s.SendBuffer);
        s.ReceiveBuffer = 32768; Assert.Equal(32768, s.ReceiveBuffer);
        s.Backlog = 50; Assert.Equal(50, s.Backlog);
        s.Rate = 200; Assert.Equal(200, s.Rate);
        s.MulticastHops = 3; Assert.Equal(3, s.MulticastHops);
        s.TcpKeepalive = 1; Assert.Equal(1, s.TcpKeepalive);
        s.TcpKeepaliveCount = 5; Assert.Equal(5, s.TcpKeepaliveCount);
        s.TcpKeepaliveIdle = 60; Assert.Equal(60, s.TcpKeepaliveIdle);
        s.TcpKeepaliveInterval = 10; Assert.Equal(10, s.TcpKeepaliveInterval);
        s.TypeOfService = 0x28; Assert.Equal(0x28, s.TypeOfService);
        s.MulticastMaxTpdu = 1400; Assert.Equal(1400, s.MulticastMaxTpdu);
        s.UseFd = -1; Assert.Equal(-1, s.UseFd);
        s.MaxMessageSize = 1L << 33; Assert.Equal(1L << 33, s.MaxMessageSize);
        s.Affinity = 3UL; Assert.Equal(3UL, s.Affinity);
    }

    [Fact]
    public void Duration_options_round_trip_in_milliseconds_and_infinite()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        s.ReceiveTimeout = TimeSpan.FromMilliseconds(1500); Assert.Equal(TimeSpan.FromMilliseconds(1500), s.ReceiveTimeout);
        s.ReceiveTimeout = Timeout.InfiniteTimeSpan; Assert.Equal(Timeout.InfiniteTimeSpan, s.ReceiveTimeout);
        s.SendTimeout = TimeSpan.FromSeconds(2); Assert.Equal(TimeSpan.FromSeconds(2), s.SendTimeout);
        s.Linger = TimeSpan.Zero; Assert.Equal(TimeSpan.Zero, s.Linger);
        s.Linger = Timeout.InfiniteTimeSpan; Assert.Equal(Timeout.InfiniteTimeSpan, s.Linger);
        s.ReconnectInterval = TimeSpan.FromMilliseconds(250); Assert.Equal(TimeSpan.FromMilliseconds(250), s.ReconnectInterval);
        s.ReconnectIntervalMax = TimeSpan.FromSeconds(5); Assert.Equal(TimeSpan.FromSeconds(5), s.ReconnectIntervalMax);
        s.RecoveryInterval = TimeSpan.FromSeconds(3); Assert.Equal(TimeSpan.FromSeconds(3), s.RecoveryInterval);
        s.HandshakeInterval = TimeSpan.FromSeconds(7); Assert.Equal(TimeSpan.FromSeconds(7), s.HandshakeInterval);
        s.HeartbeatInterval = TimeSpan.FromSeconds(1); Assert.Equal(TimeSpan.FromSeconds(1), s.HeartbeatInterval);
        s.HeartbeatTimeout = TimeSpan.FromSeconds(3); Assert.Equal(TimeSpan.FromSeconds(3), s.HeartbeatTimeout);
        s.HeartbeatTtl = TimeSpan.FromSeconds(10); Assert.Equal(TimeSpan.FromSeconds(10), s.HeartbeatTtl);
        s.ConnectTimeout = TimeSpan.FromMilliseconds(800); Assert.Equal(TimeSpan.FromMilliseconds(800), s.ConnectTimeout);
        s.TcpMaxRetransmitTimeout = TimeSpan.FromSeconds(4); Assert.Equal(TimeSpan.FromSeconds(4), s.TcpMaxRetransmitTimeout);
    }

    [Fact]
    public void Boolean_options_round_trip()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        s.Immediate = true; Assert.True(s.Immediate);
        s.IPv6 = true; Assert.True(s.IPv6);
        s.Conflate = true; Assert.True(s.Conflate);
        s.InvertMatching = true; Assert.True(s.InvertMatching);
        s.PlainServer = true; Assert.True(s.PlainServer);
        Assert.Equal(ZmqSecurityMechanism.Plain, s.Mechanism);
        s.PlainServer = false;
    }

    [Fact]
    public void Gssapi_options_round_trip_where_libzmq_has_gssapi_and_are_NotSupported_where_not()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        Action[] setters =
        [
            () => { s.GssapiPrincipalNameType = 1; Assert.Equal(1, s.GssapiPrincipalNameType); },
            () => { s.GssapiServicePrincipalNameType = 2; Assert.Equal(2, s.GssapiServicePrincipalNameType); },
            () => { s.GssapiPlaintext = true; Assert.True(s.GssapiPlaintext); },
            () => { s.GssapiPrincipal = "me"; Assert.Equal("me", s.GssapiPrincipal); },
            () => { s.GssapiServicePrincipal = "svc"; Assert.Equal("svc", s.GssapiServicePrincipal); },
        ];
        // Debian's libzmq5 has GSSAPI; the bundled build leaves it out (no Kerberos dependency).
        foreach (Action set in setters)
        {
            if (ZmqLibrary.Has("gssapi"))
            {
                set();
            }
            else
            {
                var error = Assert.Throws<NotSupportedException>(set);
                Assert.Contains("ZMQ_GSSAPI_", error.Message, StringComparison.Ordinal);
                Assert.Contains("Has(\"gssapi\") is false", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Binary_and_string_options_round_trip()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        s.RoutingId = [0, 1, 2, 3];
        Assert.Equal([0, 1, 2, 3], s.RoutingId);
        byte[] max = new byte[255];
        max[0] = 7;
        s.RoutingId = max;
        Assert.Equal(max, s.RoutingId);

        s.ZapDomain = "global"; Assert.Equal("global", s.ZapDomain);
        s.SocksProxy = "127.0.0.1:1080"; Assert.Equal("127.0.0.1:1080", s.SocksProxy);
        s.PlainUsername = "admin"; Assert.Equal("admin", s.PlainUsername);
        s.PlainPassword = "secret"; Assert.Equal("secret", s.PlainPassword);
        Assert.Equal(ZmqSecurityMechanism.Plain, s.Mechanism);
    }

    [Fact]
    public void Curve_keys_are_32_bytes()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        byte[] key = new byte[32];
        Random.Shared.NextBytes(key);
        s.CurveServerKey = key;
        Assert.Equal(key, s.CurveServerKey);
        s.CurvePublicKey = key; Assert.Equal(key, s.CurvePublicKey);
        using (var secret = ZmqCurveSecretKey.FromBytes(key))
        {
            s.SetCurveSecretKey(secret);
        }
        using (var readBack = s.GetCurveSecretKey())
        {
            byte[] copy = new byte[32];
            readBack.CopyTo(copy);
            Assert.Equal(key, copy);
        }
        Assert.Throws<ArgumentException>(() => ZmqCurveSecretKey.FromBytes(new byte[31]));
        var error = Assert.Throws<ArgumentException>(() => s.CurveServerKey = new byte[10]);
        Assert.Contains("CurveServerKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_only_state_is_reported()
    {
        using var context = new ZmqContext();
        using var s = Socket(context, ZmqSocketType.Router);
        Assert.Equal(ZmqSocketType.Router, s.NativeSocketType);
        Assert.False(s.IsThreadSafe);
        Assert.False(s.HasMore);
        Assert.True(s.FileDescriptor > 0);
        Assert.Equal(ZmqPollEvents.None, s.Events & ZmqPollEvents.In);
        Assert.Equal(ZmqSecurityMechanism.Null, s.Mechanism);
        Assert.Equal(string.Empty, s.LastEndpoint);
        string endpoint = s.BindAny("tcp");
        Assert.StartsWith("tcp://127.0.0.1:", endpoint, StringComparison.Ordinal);
        Assert.DoesNotContain("*", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_only_options_are_set_through_methods_with_no_getter_to_throw()
    {
        using var context = new ZmqContext();
        using var router = Socket(context, ZmqSocketType.Router);
        router.SetRouterMandatory(true);
        router.SetRouterHandover(true);
        router.SetProbeRouter(true);
        router.SetConnectRoutingId([9]);
        // Write-only options are methods, so reading one back does not compile: no getter throws.
        Assert.DoesNotContain(typeof(ZmqSocket).GetProperties(), p => p.CanRead && IsWriteOnlyInLibzmq(p.Name));

        using var req = Socket(context, ZmqSocketType.Req);
        req.SetRequestCorrelate(true);
        req.SetRequestRelaxed(true);
        using var xpub = Socket(context, ZmqSocketType.XPub);
        xpub.SetXPubVerbose(true);
        xpub.SetXPubVerboser(true);
        xpub.SetXPubNoDrop(true);
        xpub.SetXPubManual(true);
        xpub.SetXPubWelcomeMessage("welcome"u8.ToArray());
        using var stream = Socket(context, ZmqSocketType.Stream);
        stream.SetStreamNotify(false);
    }

    [Fact]
    public void Out_of_range_values_are_rejected_in_csharp_naming_the_option()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        Assert.Equal("SendHighWatermark", Assert.Throws<ArgumentOutOfRangeException>(() => s.SendHighWatermark = -1).ParamName);
        Assert.Equal("Linger", Assert.Throws<ArgumentOutOfRangeException>(() => s.Linger = TimeSpan.FromMilliseconds(-5)).ParamName);
        Assert.Equal("ReceiveTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => s.ReceiveTimeout = TimeSpan.FromDays(30)).ParamName);
        Assert.Equal("HandshakeInterval", Assert.Throws<ArgumentOutOfRangeException>(() => s.HandshakeInterval = Timeout.InfiniteTimeSpan).ParamName);
        Assert.Equal("HeartbeatTtl", Assert.Throws<ArgumentOutOfRangeException>(() => s.HeartbeatTtl = TimeSpan.FromMilliseconds(6553600)).ParamName);
        Assert.Equal("MaxMessageSize", Assert.Throws<ArgumentOutOfRangeException>(() => s.MaxMessageSize = -2).ParamName);
        Assert.Throws<ArgumentException>(() => s.RoutingId = []);
        Assert.Throws<ArgumentException>(() => s.RoutingId = new byte[256]);
        Assert.Throws<ArgumentNullException>(() => s.RoutingId = null!);
        Assert.Throws<ArgumentException>(() => s.ZapDomain = "bad\0domain");
        // Nothing was changed by the rejected values.
        Assert.Equal(1000, s.SendHighWatermark);
    }

    [Fact]
    public void Raw_escape_hatch_reaches_any_option_and_names_unknown_ones()
    {
        using var context = new ZmqContext();
        using var s = Socket(context);
        s.SetOption(ZmqSocketOption.SendHighWatermark, 77);
        Assert.Equal(77, s.GetOptionInt32(ZmqSocketOption.SendHighWatermark));
        Assert.Equal(77, s.SendHighWatermark);
        s.SetOption(ZmqSocketOption.MaxMessageSize, 4096L);
        Assert.Equal(4096L, s.GetOptionInt64(ZmqSocketOption.MaxMessageSize));
        s.SetOption(ZmqSocketOption.Affinity, 1UL);
        Assert.Equal(1UL, s.GetOptionUInt64(ZmqSocketOption.Affinity));
        s.SetOption(ZmqSocketOption.RoutingId, "id"u8);
        Span<byte> buffer = stackalloc byte[255];
        Assert.Equal(2, s.GetOption(ZmqSocketOption.RoutingId, buffer));
        s.SetOption(ZmqSocketOption.ZapDomain, "d");
        Assert.Equal("d", s.GetOptionString(ZmqSocketOption.ZapDomain));
        s.SetOption(ZmqSocketOption.ReceiveTimeout, 250);
        Assert.Equal(TimeSpan.FromMilliseconds(250), s.ReceiveTimeout);

        var error = Assert.Throws<ZmqException>(() => s.SetOption((ZmqSocketOption)9999, 1));
        Assert.Equal(ZmqError.InvalidArgument, error.Error);
        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
        Assert.Throws<ZmqException>(() => s.GetOptionInt32((ZmqSocketOption)9999));
    }

    [Fact]
    public void Every_stable_option_of_zmq_h_has_a_named_enum_value()
    {
        var named = Enum.GetValues<ZmqSocketOption>().Select(o => (int)o).ToHashSet();
        foreach (var (name, value) in ZmqHeader.StableSocketOptions())
        {
            Assert.True(named.Contains(value), $"ZMQ_{name} ({value}) has no ZmqSocketOption value");
        }
    }

    [Fact]
    public void Context_options_round_trip_and_validate()
    {
        using var context = new ZmqContext();
        context.IoThreads = 2; Assert.Equal(2, context.IoThreads);
        context.MaxSockets = 64; Assert.Equal(64, context.MaxSockets);
        context.IPv6 = true; Assert.True(context.IPv6);
        context.Blocky = false; Assert.False(context.Blocky);
        context.MaxMessageSize = 1 << 20; Assert.Equal(1 << 20, context.MaxMessageSize);
        Assert.Equal(64, context.MessageStructSize);
        Assert.True(context.SocketLimit >= 1023);
        Assert.Throws<ArgumentOutOfRangeException>(() => context.MaxSockets = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => context.IoThreads = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => context.DefaultLinger = TimeSpan.FromSeconds(-2));
        Assert.Equal(ZmqError.InvalidArgument, Assert.Throws<ZmqException>(() => context.SetOption(9999, 1)).Error);
        Assert.Equal(ZmqError.InvalidArgument, Assert.Throws<ZmqException>(() => context.GetOption(9999)).Error);
        context.SetThreadNamePrefix(7);
        context.AddThreadAffinityCpu(0);
        context.RemoveThreadAffinityCpu(0);
    }
}
