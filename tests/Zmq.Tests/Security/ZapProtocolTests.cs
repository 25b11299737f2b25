using System.Net;
using System.Net.Sockets;
using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Security;

/// <summary>
/// ZAP and handshake failures as libzmq reports them: a hand-written ZAP handler (no
/// <see cref="ZmqAuthenticator"/>) that accepts a domain or misbehaves in each way libzmq checks,
/// mechanism mismatches, bad CURVE keys and raw peers speaking the wrong protocol. Every failure
/// shows on the server's monitor; nothing crashes, hangs or gets delivered (catalogue L25-L27).
/// </summary>
public class ZapProtocolTests
{
    [Fact]
    public void A_null_mechanism_zap_domain_lets_the_accepted_domain_in_and_keeps_the_others_out() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var handler = new ZapHandler(context, request => Encoding.UTF8.GetString(request[2]) == "TEST" ? Reply(request, "200") : Reply(request, "400"));
        Assert.True(Bounce(context, server => server.ZapDomain = "TEST"));
        Assert.False(Bounce(context, server => server.ZapDomain = "WRONG"));
    });

    [Fact]
    public void Without_a_zap_handler_a_domain_gets_in_unless_zap_enforce_domain_is_set() => Watchdog.Run(() =>
    {
        // test_security_no_zap_handler.cpp: RFC 27 says a missing handler fails the handshake, but
        // libzmq lets it through for compatibility unless ZMQ_ZAP_ENFORCE_DOMAIN (draft) is set.
        using var context = new ZmqContext();
        Assert.True(Bounce(context, server => server.ZapDomain = "TEST"));
        Assert.False(Bounce(context, server =>
        {
            server.ZapEnforceDomain = true;
            Assert.True(server.ZapEnforceDomain);
            server.ZapDomain = "TEST";
        }));
    });

    [Fact]
    public void A_plain_client_configured_as_a_server_gets_nothing_through() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var handler = new ZapHandler(context, request => Reply(request, "200"));
        Assert.True(Bounce(context, server => server.PlainServer = true, client => { client.PlainUsername = "admin"; client.PlainPassword = "password"; }));
        Assert.False(Bounce(context, server => server.PlainServer = true, client => client.PlainServer = true));
    });

    [Fact]
    public void A_vanilla_zmtp_1_0_peer_never_gets_a_message_into_a_plain_server() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var handler = new ZapHandler(context, request => Reply(request, "200"));
        using var server = context.CreateBounded(ZmqSocketType.Dealer);
        server.PlainServer = true;
        server.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
        string endpoint = server.BindAny("tcp");
        using var raw = new TcpClient();
        raw.Connect(IPAddress.Loopback, Endpoints.Port(endpoint));
        NetworkStream stream = raw.GetStream();
        stream.Write([0x01, 0x00]); // A ZMTP/1.0 greeting: an empty identity frame.
        stream.Write([0x08, 0x00, .. "sneaky"u8, 0x00]); // A ZMTP/1.0 message frame.
        Assert.False(server.TryReceiveString(out string? text), $"the unauthenticated peer delivered '{text}'");
    });

    public static TheoryData<string, ZmqMonitorEventType, int> Misbehaviours => new()
    {
        { "bad version", ZmqMonitorEventType.HandshakeFailedProtocol, (int)ZmqProtocolError.ZapBadVersion },
        { "bad request id", ZmqMonitorEventType.HandshakeFailedProtocol, (int)ZmqProtocolError.ZapBadRequestId },
        { "invalid status", ZmqMonitorEventType.HandshakeFailedProtocol, (int)ZmqProtocolError.ZapInvalidStatusCode },
        { "too many parts", ZmqMonitorEventType.HandshakeFailedProtocol, (int)ZmqProtocolError.ZapMalformedReply },
        { "status 300", ZmqMonitorEventType.HandshakeFailedAuth, 300 },
        { "status 500", ZmqMonitorEventType.HandshakeFailedAuth, 500 },
    };

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public void A_misbehaving_zap_handler_fails_the_handshake_with_the_matching_monitor_event(string misbehaviour, ZmqMonitorEventType expectedType, int expectedValue) => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var handler = new ZapHandler(context, request => misbehaviour switch
        {
            "bad version" => [Encoding.UTF8.GetBytes("2.0"), .. Reply(request, "200").Skip(1)],
            "bad request id" => [.. Reply(request, "200").Take(1), Encoding.UTF8.GetBytes("not the id"), .. Reply(request, "200").Skip(2)],
            "invalid status" => Reply(request, "invalid"),
            "too many parts" => [.. Reply(request, "200"), Encoding.UTF8.GetBytes("extra")],
            "status 300" => Reply(request, "300"),
            _ => Reply(request, "500"),
        });
        using var server = context.CreateBounded(ZmqSocketType.Dealer);
        server.ZapDomain = "TEST";
        using var monitor = new ZmqMonitor(server, ZmqMonitorEventType.HandshakeFailedProtocol | ZmqMonitorEventType.HandshakeFailedAuth | ZmqMonitorEventType.HandshakeSucceeded);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        client.Connect(endpoint);
        Assert.True(monitor.TryReceive(out ZmqMonitorEvent outcome, TestSockets.Timeout), $"no handshake outcome for '{misbehaviour}'");
        Assert.Equal(expectedType, outcome.Type);
        Assert.Equal(expectedValue, outcome.Value);
    });

    [Fact]
    public void A_curve_client_with_an_unknown_key_is_refused_with_status_400() => Watchdog.Run(() =>
    {
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var auth = new ZmqAuthenticator(context);
        auth.AllowCurveClients(ZmqCurve.GenerateKeyPair().PublicKey);
        ZmqMonitorEvent outcome = CurveHandshake(context, serverKeys, client => client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), serverKeys.PublicKey));
        Assert.Equal(ZmqMonitorEventType.HandshakeFailedAuth, outcome.Type);
        Assert.Equal(400, outcome.AuthStatusCode);
    });

    [Theory]
    [InlineData("null")]
    [InlineData("plain")]
    public void A_null_or_plain_client_against_a_curve_server_is_a_mechanism_mismatch(string mechanism) => Watchdog.Run(() =>
    {
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        ZmqMonitorEvent outcome = CurveHandshake(context, serverKeys, client =>
        {
            if (mechanism == "plain")
            {
                client.PlainUsername = "admin";
                client.PlainPassword = "password";
            }
        });
        Assert.Equal(ZmqMonitorEventType.HandshakeFailedProtocol, outcome.Type);
        Assert.Equal(ZmqProtocolError.ZmtpMechanismMismatch, outcome.ProtocolError);
    });

    [Fact]
    public void A_client_given_an_all_zero_server_key_fails_the_handshake_cryptographically() => Watchdog.Run(() =>
    {
        var serverKeys = ZmqCurve.GenerateKeyPair();
        var clientKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Dealer);
        server.MakeCurveServer(serverKeys);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        client.CurvePublicKey = clientKeys.PublicKeyBytes.ToArray();
        client.SetCurveSecretKey(clientKeys.SecretKey);
        client.CurveServerKey = new byte[32];
        // An all-zero key has no usable shared secret. libsodium (Debian's libzmq5) refuses it, so the
        // client cannot even build its HELLO; tweetnacl (the bundled build) computes a key anyway, and
        // the server cannot open the HELLO. Either way the handshake fails cryptographically on one
        // side and succeeds on neither.
        var watched = ZmqMonitorEventType.HandshakeFailedProtocol | ZmqMonitorEventType.HandshakeSucceeded;
        using var clientMonitor = new ZmqMonitor(client, watched);
        using var serverMonitor = new ZmqMonitor(server, watched);
        client.Connect(endpoint);
        ZmqMonitorEvent outcome = default;
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (!clientMonitor.TryReceive(out outcome, TimeSpan.FromMilliseconds(50))
            && !serverMonitor.TryReceive(out outcome, TimeSpan.FromMilliseconds(50)))
        {
            Assert.True(DateTime.UtcNow < deadline, "neither side reported a handshake outcome");
        }
        Assert.Equal(ZmqMonitorEventType.HandshakeFailedProtocol, outcome.Type);
        Assert.Equal(ZmqProtocolError.ZmtpCryptographic, outcome.ProtocolError);
    });

    [Fact]
    public void A_malformed_curve_hello_from_a_raw_peer_is_a_protocol_error_and_nothing_more() => Watchdog.Run(() =>
    {
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Dealer);
        server.MakeCurveServer(serverKeys);
        using var monitor = new ZmqMonitor(server, ZmqMonitorEventType.HandshakeFailedProtocol | ZmqMonitorEventType.HandshakeSucceeded);
        string endpoint = server.BindAny("tcp");
        using var raw = new TcpClient();
        raw.Connect(IPAddress.Loopback, Endpoints.Port(endpoint));
        NetworkStream stream = raw.GetStream();
        stream.Write(Zmtp.Greeting("CURVE"));
        byte[] shortHello = [0x04, 7, 5, .. "HELLO"u8, 1]; // A HELLO command far shorter than its 200 bytes.
        stream.Write(shortHello);
        Assert.True(monitor.TryReceive(out ZmqMonitorEvent outcome, TestSockets.Timeout), "the malformed HELLO produced no event");
        Assert.Equal(ZmqMonitorEventType.HandshakeFailedProtocol, outcome.Type);
        Assert.Equal(ZmqProtocolError.ZmtpMalformedCommandHello, outcome.ProtocolError);
        // The server is unharmed: a proper client still gets through.
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), serverKeys.PublicKey);
        client.Connect(endpoint);
        client.SendString("after the garbage");
        Assert.Equal("after the garbage", server.ReceiveString());
    });

    /// <summary>Connects a client (configured by <paramref name="configureClient"/>) to a CURVE server and returns the server's handshake outcome.</summary>
    private static ZmqMonitorEvent CurveHandshake(ZmqContext context, ZmqCurveKeyPair serverKeys, Action<ZmqSocket> configureClient)
    {
        using var server = context.CreateBounded(ZmqSocketType.Dealer);
        server.MakeCurveServer(serverKeys);
        using var monitor = new ZmqMonitor(server, ZmqMonitorEventType.HandshakeFailedProtocol | ZmqMonitorEventType.HandshakeFailedAuth | ZmqMonitorEventType.HandshakeSucceeded);
        string endpoint = server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        configureClient(client);
        client.Connect(endpoint);
        Assert.True(monitor.TryReceive(out ZmqMonitorEvent outcome, TestSockets.Timeout), "the server reported no handshake outcome");
        return outcome;
    }

    /// <summary>Sends one message from a fresh client to a fresh server and says whether it arrived.</summary>
    private static bool Bounce(ZmqContext context, Action<ZmqSocket> configureServer, Action<ZmqSocket>? configureClient = null)
    {
        using var server = context.CreateBounded(ZmqSocketType.Dealer);
        configureServer(server);
        server.BindAny("tcp");
        using var client = context.CreateBounded(ZmqSocketType.Dealer);
        configureClient?.Invoke(client);
        return TestSockets.Delivers(server, client);
    }

    /// <summary>A ZAP reply to <paramref name="request"/>: version, request id, status, text, user id, metadata.</summary>
    private static List<byte[]> Reply(List<byte[]> request, string status) =>
        [request[0], request[1], Encoding.UTF8.GetBytes(status), Encoding.UTF8.GetBytes("status text"), Encoding.UTF8.GetBytes("user"), []];

    /// <summary>
    /// A bare ZAP handler (RFC 27) on its own thread: a REP on inproc://zeromq.zap.01 answering each
    /// request with whatever <c>answer</c> returns. Ends when disposed.
    /// </summary>
    private sealed class ZapHandler : IDisposable
    {
        private readonly ZmqSocket _socket;
        private readonly Thread _thread;
        private volatile bool _stopping;

        public ZapHandler(ZmqContext context, Func<List<byte[]>, List<byte[]>> answer)
        {
            _socket = context.CreateBounded(ZmqSocketType.Rep);
            _socket.ReceiveTimeout = TimeSpan.FromMilliseconds(100);
            _socket.Bind(ZmqAuthenticator.ZapEndpoint);
            _thread = new Thread(() =>
            {
                var request = new List<byte[]>();
                while (!_stopping)
                {
                    if (_socket.TryReceiveMultipart(request))
                    {
                        _socket.SendMultipart([.. answer(request)]);
                    }
                }
            })
            { IsBackground = true, Name = "test-zap-handler" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stopping = true;
            _thread.Join(TimeSpan.FromSeconds(5));
            _socket.Dispose();
        }
    }
}
