namespace Zmq;

/// <summary>
/// The stable socket options of zmq.h 4.3.4 by number, for the raw escape hatch
/// (<see cref="ZmqSocket.SetOption(ZmqSocketOption, int)"/> and friends). Every one also has a typed
/// property on <see cref="ZmqSocket"/>; cast any other number to reach an option not named here.
/// </summary>
public enum ZmqSocketOption
{
    /// <summary>ZMQ_AFFINITY.</summary>
    Affinity = 4,
    /// <summary>ZMQ_ROUTING_ID.</summary>
    RoutingId = 5,
    /// <summary>ZMQ_SUBSCRIBE.</summary>
    Subscribe = 6,
    /// <summary>ZMQ_UNSUBSCRIBE.</summary>
    Unsubscribe = 7,
    /// <summary>ZMQ_RATE.</summary>
    Rate = 8,
    /// <summary>ZMQ_RECOVERY_IVL.</summary>
    RecoveryInterval = 9,
    /// <summary>ZMQ_SNDBUF.</summary>
    SendBuffer = 11,
    /// <summary>ZMQ_RCVBUF.</summary>
    ReceiveBuffer = 12,
    /// <summary>ZMQ_RCVMORE.</summary>
    ReceiveMore = 13,
    /// <summary>ZMQ_FD.</summary>
    FileDescriptor = 14,
    /// <summary>ZMQ_EVENTS.</summary>
    Events = 15,
    /// <summary>ZMQ_TYPE.</summary>
    Type = 16,
    /// <summary>ZMQ_LINGER.</summary>
    Linger = 17,
    /// <summary>ZMQ_RECONNECT_IVL.</summary>
    ReconnectInterval = 18,
    /// <summary>ZMQ_BACKLOG.</summary>
    Backlog = 19,
    /// <summary>ZMQ_RECONNECT_IVL_MAX.</summary>
    ReconnectIntervalMax = 21,
    /// <summary>ZMQ_MAXMSGSIZE.</summary>
    MaxMessageSize = 22,
    /// <summary>ZMQ_SNDHWM.</summary>
    SendHighWatermark = 23,
    /// <summary>ZMQ_RCVHWM.</summary>
    ReceiveHighWatermark = 24,
    /// <summary>ZMQ_MULTICAST_HOPS.</summary>
    MulticastHops = 25,
    /// <summary>ZMQ_RCVTIMEO.</summary>
    ReceiveTimeout = 27,
    /// <summary>ZMQ_SNDTIMEO.</summary>
    SendTimeout = 28,
    /// <summary>ZMQ_LAST_ENDPOINT.</summary>
    LastEndpoint = 32,
    /// <summary>ZMQ_ROUTER_MANDATORY.</summary>
    RouterMandatory = 33,
    /// <summary>ZMQ_TCP_KEEPALIVE.</summary>
    TcpKeepalive = 34,
    /// <summary>ZMQ_TCP_KEEPALIVE_CNT.</summary>
    TcpKeepaliveCount = 35,
    /// <summary>ZMQ_TCP_KEEPALIVE_IDLE.</summary>
    TcpKeepaliveIdle = 36,
    /// <summary>ZMQ_TCP_KEEPALIVE_INTVL.</summary>
    TcpKeepaliveInterval = 37,
    /// <summary>ZMQ_IMMEDIATE.</summary>
    Immediate = 39,
    /// <summary>ZMQ_XPUB_VERBOSE.</summary>
    XPubVerbose = 40,
    /// <summary>ZMQ_ROUTER_RAW.</summary>
    RouterRaw = 41,
    /// <summary>ZMQ_IPV6.</summary>
    IPv6 = 42,
    /// <summary>ZMQ_MECHANISM.</summary>
    Mechanism = 43,
    /// <summary>ZMQ_PLAIN_SERVER.</summary>
    PlainServer = 44,
    /// <summary>ZMQ_PLAIN_USERNAME.</summary>
    PlainUsername = 45,
    /// <summary>ZMQ_PLAIN_PASSWORD.</summary>
    PlainPassword = 46,
    /// <summary>ZMQ_CURVE_SERVER.</summary>
    CurveServer = 47,
    /// <summary>ZMQ_CURVE_PUBLICKEY.</summary>
    CurvePublickey = 48,
    /// <summary>ZMQ_CURVE_SECRETKEY.</summary>
    CurveSecretkey = 49,
    /// <summary>ZMQ_CURVE_SERVERKEY.</summary>
    CurveServerkey = 50,
    /// <summary>ZMQ_PROBE_ROUTER.</summary>
    ProbeRouter = 51,
    /// <summary>ZMQ_REQ_CORRELATE.</summary>
    ReqCorrelate = 52,
    /// <summary>ZMQ_REQ_RELAXED.</summary>
    ReqRelaxed = 53,
    /// <summary>ZMQ_CONFLATE.</summary>
    Conflate = 54,
    /// <summary>ZMQ_ZAP_DOMAIN.</summary>
    ZapDomain = 55,
    /// <summary>ZMQ_ROUTER_HANDOVER.</summary>
    RouterHandover = 56,
    /// <summary>ZMQ_TOS.</summary>
    TypeOfService = 57,
    /// <summary>ZMQ_CONNECT_ROUTING_ID.</summary>
    ConnectRoutingId = 61,
    /// <summary>ZMQ_GSSAPI_SERVER.</summary>
    GssapiServer = 62,
    /// <summary>ZMQ_GSSAPI_PRINCIPAL.</summary>
    GssapiPrincipal = 63,
    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL.</summary>
    GssapiServicePrincipal = 64,
    /// <summary>ZMQ_GSSAPI_PLAINTEXT.</summary>
    GssapiPlaintext = 65,
    /// <summary>ZMQ_HANDSHAKE_IVL.</summary>
    HandshakeInterval = 66,
    /// <summary>ZMQ_SOCKS_PROXY.</summary>
    SocksProxy = 68,
    /// <summary>ZMQ_XPUB_NODROP.</summary>
    XPubNoDrop = 69,
    /// <summary>ZMQ_XPUB_MANUAL.</summary>
    XPubManual = 71,
    /// <summary>ZMQ_XPUB_WELCOME_MSG.</summary>
    XPubWelcomeMessage = 72,
    /// <summary>ZMQ_STREAM_NOTIFY.</summary>
    StreamNotify = 73,
    /// <summary>ZMQ_INVERT_MATCHING.</summary>
    InvertMatching = 74,
    /// <summary>ZMQ_HEARTBEAT_IVL.</summary>
    HeartbeatInterval = 75,
    /// <summary>ZMQ_HEARTBEAT_TTL.</summary>
    HeartbeatTtl = 76,
    /// <summary>ZMQ_HEARTBEAT_TIMEOUT.</summary>
    HeartbeatTimeout = 77,
    /// <summary>ZMQ_XPUB_VERBOSER.</summary>
    XPubVerboser = 78,
    /// <summary>ZMQ_CONNECT_TIMEOUT.</summary>
    ConnectTimeout = 79,
    /// <summary>ZMQ_TCP_MAXRT.</summary>
    TcpMaxRetransmitTimeout = 80,
    /// <summary>ZMQ_THREAD_SAFE.</summary>
    ThreadSafe = 81,
    /// <summary>ZMQ_MULTICAST_MAXTPDU.</summary>
    MulticastMaxTpdu = 84,
    /// <summary>ZMQ_VMCI_BUFFER_SIZE.</summary>
    VmciBufferSize = 85,
    /// <summary>ZMQ_VMCI_BUFFER_MIN_SIZE.</summary>
    VmciBufferMinSize = 86,
    /// <summary>ZMQ_VMCI_BUFFER_MAX_SIZE.</summary>
    VmciBufferMaxSize = 87,
    /// <summary>ZMQ_VMCI_CONNECT_TIMEOUT.</summary>
    VmciConnectTimeout = 88,
    /// <summary>ZMQ_USE_FD.</summary>
    UseFd = 89,
    /// <summary>ZMQ_GSSAPI_PRINCIPAL_NAMETYPE.</summary>
    GssapiPrincipalNameType = 90,
    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE.</summary>
    GssapiServicePrincipalNameType = 91,
    /// <summary>ZMQ_BINDTODEVICE.</summary>
    BindToDevice = 92,
}
