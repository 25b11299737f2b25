using Zmq.Interop;

namespace Zmq;

/// <summary>
/// The stable socket options of zmq.h 4.3.4 by number, for the raw escape hatch
/// (<see cref="ZmqSocket.SetOption(ZmqSocketOption, int)"/> and friends). Every one also has a typed
/// property on <see cref="ZmqSocket"/>; cast any other number to reach an option not named here.
/// </summary>
public enum ZmqSocketOption
{
    /// <summary>ZMQ_AFFINITY.</summary>
    Affinity = LibZmq.ZMQ_AFFINITY,
    /// <summary>ZMQ_ROUTING_ID.</summary>
    RoutingId = LibZmq.ZMQ_ROUTING_ID,
    /// <summary>ZMQ_SUBSCRIBE.</summary>
    Subscribe = LibZmq.ZMQ_SUBSCRIBE,
    /// <summary>ZMQ_UNSUBSCRIBE.</summary>
    Unsubscribe = LibZmq.ZMQ_UNSUBSCRIBE,
    /// <summary>ZMQ_RATE.</summary>
    Rate = LibZmq.ZMQ_RATE,
    /// <summary>ZMQ_RECOVERY_IVL.</summary>
    RecoveryInterval = LibZmq.ZMQ_RECOVERY_IVL,
    /// <summary>ZMQ_SNDBUF.</summary>
    SendBuffer = LibZmq.ZMQ_SNDBUF,
    /// <summary>ZMQ_RCVBUF.</summary>
    ReceiveBuffer = LibZmq.ZMQ_RCVBUF,
    /// <summary>ZMQ_RCVMORE.</summary>
    ReceiveMore = LibZmq.ZMQ_RCVMORE,
    /// <summary>ZMQ_FD.</summary>
    FileDescriptor = LibZmq.ZMQ_FD,
    /// <summary>ZMQ_EVENTS.</summary>
    Events = LibZmq.ZMQ_EVENTS,
    /// <summary>ZMQ_TYPE.</summary>
    Type = LibZmq.ZMQ_TYPE,
    /// <summary>ZMQ_LINGER.</summary>
    Linger = LibZmq.ZMQ_LINGER,
    /// <summary>ZMQ_RECONNECT_IVL.</summary>
    ReconnectInterval = LibZmq.ZMQ_RECONNECT_IVL,
    /// <summary>ZMQ_BACKLOG.</summary>
    Backlog = LibZmq.ZMQ_BACKLOG,
    /// <summary>ZMQ_RECONNECT_IVL_MAX.</summary>
    ReconnectIntervalMax = LibZmq.ZMQ_RECONNECT_IVL_MAX,
    /// <summary>ZMQ_MAXMSGSIZE.</summary>
    MaxMessageSize = LibZmq.ZMQ_MAXMSGSIZE,
    /// <summary>ZMQ_SNDHWM.</summary>
    SendHighWatermark = LibZmq.ZMQ_SNDHWM,
    /// <summary>ZMQ_RCVHWM.</summary>
    ReceiveHighWatermark = LibZmq.ZMQ_RCVHWM,
    /// <summary>ZMQ_MULTICAST_HOPS.</summary>
    MulticastHops = LibZmq.ZMQ_MULTICAST_HOPS,
    /// <summary>ZMQ_RCVTIMEO.</summary>
    ReceiveTimeout = LibZmq.ZMQ_RCVTIMEO,
    /// <summary>ZMQ_SNDTIMEO.</summary>
    SendTimeout = LibZmq.ZMQ_SNDTIMEO,
    /// <summary>ZMQ_LAST_ENDPOINT.</summary>
    LastEndpoint = LibZmq.ZMQ_LAST_ENDPOINT,
    /// <summary>ZMQ_ROUTER_MANDATORY.</summary>
    RouterMandatory = LibZmq.ZMQ_ROUTER_MANDATORY,
    /// <summary>ZMQ_TCP_KEEPALIVE.</summary>
    TcpKeepalive = LibZmq.ZMQ_TCP_KEEPALIVE,
    /// <summary>ZMQ_TCP_KEEPALIVE_CNT.</summary>
    TcpKeepaliveCount = LibZmq.ZMQ_TCP_KEEPALIVE_CNT,
    /// <summary>ZMQ_TCP_KEEPALIVE_IDLE.</summary>
    TcpKeepaliveIdle = LibZmq.ZMQ_TCP_KEEPALIVE_IDLE,
    /// <summary>ZMQ_TCP_KEEPALIVE_INTVL.</summary>
    TcpKeepaliveInterval = LibZmq.ZMQ_TCP_KEEPALIVE_INTVL,
    /// <summary>ZMQ_IMMEDIATE.</summary>
    Immediate = LibZmq.ZMQ_IMMEDIATE,
    /// <summary>ZMQ_XPUB_VERBOSE.</summary>
    XPubVerbose = LibZmq.ZMQ_XPUB_VERBOSE,
    /// <summary>ZMQ_ROUTER_RAW.</summary>
    RouterRaw = LibZmq.ZMQ_ROUTER_RAW,
    /// <summary>ZMQ_IPV6.</summary>
    IPv6 = LibZmq.ZMQ_IPV6,
    /// <summary>ZMQ_MECHANISM.</summary>
    Mechanism = LibZmq.ZMQ_MECHANISM,
    /// <summary>ZMQ_PLAIN_SERVER.</summary>
    PlainServer = LibZmq.ZMQ_PLAIN_SERVER,
    /// <summary>ZMQ_PLAIN_USERNAME.</summary>
    PlainUsername = LibZmq.ZMQ_PLAIN_USERNAME,
    /// <summary>ZMQ_PLAIN_PASSWORD.</summary>
    PlainPassword = LibZmq.ZMQ_PLAIN_PASSWORD,
    /// <summary>ZMQ_CURVE_SERVER.</summary>
    CurveServer = LibZmq.ZMQ_CURVE_SERVER,
    /// <summary>ZMQ_CURVE_PUBLICKEY.</summary>
    CurvePublickey = LibZmq.ZMQ_CURVE_PUBLICKEY,
    /// <summary>ZMQ_CURVE_SECRETKEY.</summary>
    CurveSecretkey = LibZmq.ZMQ_CURVE_SECRETKEY,
    /// <summary>ZMQ_CURVE_SERVERKEY.</summary>
    CurveServerkey = LibZmq.ZMQ_CURVE_SERVERKEY,
    /// <summary>ZMQ_PROBE_ROUTER.</summary>
    ProbeRouter = LibZmq.ZMQ_PROBE_ROUTER,
    /// <summary>ZMQ_REQ_CORRELATE.</summary>
    ReqCorrelate = LibZmq.ZMQ_REQ_CORRELATE,
    /// <summary>ZMQ_REQ_RELAXED.</summary>
    ReqRelaxed = LibZmq.ZMQ_REQ_RELAXED,
    /// <summary>ZMQ_CONFLATE.</summary>
    Conflate = LibZmq.ZMQ_CONFLATE,
    /// <summary>ZMQ_ZAP_DOMAIN.</summary>
    ZapDomain = LibZmq.ZMQ_ZAP_DOMAIN,
    /// <summary>ZMQ_ROUTER_HANDOVER.</summary>
    RouterHandover = LibZmq.ZMQ_ROUTER_HANDOVER,
    /// <summary>ZMQ_TOS.</summary>
    TypeOfService = LibZmq.ZMQ_TOS,
    /// <summary>ZMQ_CONNECT_ROUTING_ID.</summary>
    ConnectRoutingId = LibZmq.ZMQ_CONNECT_ROUTING_ID,
    /// <summary>ZMQ_GSSAPI_SERVER.</summary>
    GssapiServer = LibZmq.ZMQ_GSSAPI_SERVER,
    /// <summary>ZMQ_GSSAPI_PRINCIPAL.</summary>
    GssapiPrincipal = LibZmq.ZMQ_GSSAPI_PRINCIPAL,
    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL.</summary>
    GssapiServicePrincipal = LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL,
    /// <summary>ZMQ_GSSAPI_PLAINTEXT.</summary>
    GssapiPlaintext = LibZmq.ZMQ_GSSAPI_PLAINTEXT,
    /// <summary>ZMQ_HANDSHAKE_IVL.</summary>
    HandshakeInterval = LibZmq.ZMQ_HANDSHAKE_IVL,
    /// <summary>ZMQ_SOCKS_PROXY.</summary>
    SocksProxy = LibZmq.ZMQ_SOCKS_PROXY,
    /// <summary>ZMQ_XPUB_NODROP.</summary>
    XPubNoDrop = LibZmq.ZMQ_XPUB_NODROP,
    /// <summary>ZMQ_XPUB_MANUAL.</summary>
    XPubManual = LibZmq.ZMQ_XPUB_MANUAL,
    /// <summary>ZMQ_XPUB_WELCOME_MSG.</summary>
    XPubWelcomeMessage = LibZmq.ZMQ_XPUB_WELCOME_MSG,
    /// <summary>ZMQ_STREAM_NOTIFY.</summary>
    StreamNotify = LibZmq.ZMQ_STREAM_NOTIFY,
    /// <summary>ZMQ_INVERT_MATCHING.</summary>
    InvertMatching = LibZmq.ZMQ_INVERT_MATCHING,
    /// <summary>ZMQ_HEARTBEAT_IVL.</summary>
    HeartbeatInterval = LibZmq.ZMQ_HEARTBEAT_IVL,
    /// <summary>ZMQ_HEARTBEAT_TTL.</summary>
    HeartbeatTtl = LibZmq.ZMQ_HEARTBEAT_TTL,
    /// <summary>ZMQ_HEARTBEAT_TIMEOUT.</summary>
    HeartbeatTimeout = LibZmq.ZMQ_HEARTBEAT_TIMEOUT,
    /// <summary>ZMQ_XPUB_VERBOSER.</summary>
    XPubVerboser = LibZmq.ZMQ_XPUB_VERBOSER,
    /// <summary>ZMQ_CONNECT_TIMEOUT.</summary>
    ConnectTimeout = LibZmq.ZMQ_CONNECT_TIMEOUT,
    /// <summary>ZMQ_TCP_MAXRT.</summary>
    TcpMaxRetransmitTimeout = LibZmq.ZMQ_TCP_MAXRT,
    /// <summary>ZMQ_THREAD_SAFE.</summary>
    ThreadSafe = LibZmq.ZMQ_THREAD_SAFE,
    /// <summary>ZMQ_MULTICAST_MAXTPDU.</summary>
    MulticastMaxTpdu = LibZmq.ZMQ_MULTICAST_MAXTPDU,
    /// <summary>ZMQ_VMCI_BUFFER_SIZE.</summary>
    VmciBufferSize = LibZmq.ZMQ_VMCI_BUFFER_SIZE,
    /// <summary>ZMQ_VMCI_BUFFER_MIN_SIZE.</summary>
    VmciBufferMinSize = LibZmq.ZMQ_VMCI_BUFFER_MIN_SIZE,
    /// <summary>ZMQ_VMCI_BUFFER_MAX_SIZE.</summary>
    VmciBufferMaxSize = LibZmq.ZMQ_VMCI_BUFFER_MAX_SIZE,
    /// <summary>ZMQ_VMCI_CONNECT_TIMEOUT.</summary>
    VmciConnectTimeout = LibZmq.ZMQ_VMCI_CONNECT_TIMEOUT,
    /// <summary>ZMQ_USE_FD.</summary>
    UseFd = LibZmq.ZMQ_USE_FD,
    /// <summary>ZMQ_GSSAPI_PRINCIPAL_NAMETYPE.</summary>
    GssapiPrincipalNameType = LibZmq.ZMQ_GSSAPI_PRINCIPAL_NAMETYPE,
    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE.</summary>
    GssapiServicePrincipalNameType = LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE,
    /// <summary>ZMQ_BINDTODEVICE.</summary>
    BindToDevice = LibZmq.ZMQ_BINDTODEVICE,
}
