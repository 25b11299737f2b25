using Zmq.Interop;

namespace Zmq;

// Typed properties for every stable socket option of zmq.h 4.3.4, each with its C type.
// Read-only options (ZMQ_TYPE, ZMQ_RCVMORE, ZMQ_FD, ZMQ_EVENTS, ...) are in ZmqSocket.State.cs.
public sealed partial class ZmqSocket
{
    /// <summary>ZMQ_AFFINITY: I/O thread affinity bitmask for connections made after this is set (0 = any thread).</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public ulong Affinity
    {
        get => GetUInt64(LibZmq.ZMQ_AFFINITY, nameof(Affinity));
        set => SetUInt64(LibZmq.ZMQ_AFFINITY, value, nameof(Affinity));
    }

    /// <summary>ZMQ_ROUTING_ID: The identity this socket presents to ROUTER peers (1–255 bytes).</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">Set to a value that is not 1 to 255 bytes long.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public byte[] RoutingId
    {
        get => GetBytes(LibZmq.ZMQ_ROUTING_ID, 255, nameof(RoutingId));
        set => SetBytes(LibZmq.ZMQ_ROUTING_ID, CheckLength(value, 1, 255, nameof(RoutingId)), nameof(RoutingId));
    }

    /// <summary>ZMQ_RATE: Multicast data rate in kilobits per second (pgm/epgm/norm).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int Rate
    {
        get => GetInt32(LibZmq.ZMQ_RATE, nameof(Rate));
        set => SetInt32(LibZmq.ZMQ_RATE, OptionRange.AtLeast(value, 1, nameof(Rate)), nameof(Rate));
    }

    /// <summary>ZMQ_RECOVERY_IVL: Multicast recovery interval.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative, infinite or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan RecoveryInterval
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_RECOVERY_IVL, nameof(RecoveryInterval)));
        set => SetInt32(LibZmq.ZMQ_RECOVERY_IVL, OptionRange.ToMilliseconds(value, nameof(RecoveryInterval), allowInfinite: false), nameof(RecoveryInterval));
    }

    /// <summary>ZMQ_SNDBUF: Kernel transmit buffer size in bytes; -1 = the OS default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int SendBuffer
    {
        get => GetInt32(LibZmq.ZMQ_SNDBUF, nameof(SendBuffer));
        set => SetInt32(LibZmq.ZMQ_SNDBUF, OptionRange.AtLeast(value, -1, nameof(SendBuffer)), nameof(SendBuffer));
    }

    /// <summary>ZMQ_RCVBUF: Kernel receive buffer size in bytes; -1 = the OS default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int ReceiveBuffer
    {
        get => GetInt32(LibZmq.ZMQ_RCVBUF, nameof(ReceiveBuffer));
        set => SetInt32(LibZmq.ZMQ_RCVBUF, OptionRange.AtLeast(value, -1, nameof(ReceiveBuffer)), nameof(ReceiveBuffer));
    }

    /// <summary>ZMQ_LINGER: How long closing may wait to send queued messages; Timeout.InfiniteTimeSpan waits forever. Starts at the context's DefaultLinger.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative (other than Timeout.InfiniteTimeSpan) or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan Linger
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_LINGER, nameof(Linger)));
        set => SetInt32(LibZmq.ZMQ_LINGER, OptionRange.ToMilliseconds(value, nameof(Linger), allowInfinite: true), nameof(Linger));
    }

    /// <summary>ZMQ_RECONNECT_IVL: Initial wait before reconnecting; Timeout.InfiniteTimeSpan disables reconnection.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative (other than Timeout.InfiniteTimeSpan) or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan ReconnectInterval
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_RECONNECT_IVL, nameof(ReconnectInterval)));
        set => SetInt32(LibZmq.ZMQ_RECONNECT_IVL, OptionRange.ToMilliseconds(value, nameof(ReconnectInterval), allowInfinite: true), nameof(ReconnectInterval));
    }

    /// <summary>ZMQ_BACKLOG: Maximum length of the queue of pending connections.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int Backlog
    {
        get => GetInt32(LibZmq.ZMQ_BACKLOG, nameof(Backlog));
        set => SetInt32(LibZmq.ZMQ_BACKLOG, OptionRange.AtLeast(value, 0, nameof(Backlog)), nameof(Backlog));
    }

    /// <summary>ZMQ_RECONNECT_IVL_MAX: Upper bound of the exponential reconnect back-off; zero keeps ReconnectInterval fixed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative, infinite or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan ReconnectIntervalMax
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_RECONNECT_IVL_MAX, nameof(ReconnectIntervalMax)));
        set => SetInt32(LibZmq.ZMQ_RECONNECT_IVL_MAX, OptionRange.ToMilliseconds(value, nameof(ReconnectIntervalMax), allowInfinite: false), nameof(ReconnectIntervalMax));
    }

    /// <summary>ZMQ_MAXMSGSIZE: Largest inbound message in bytes; a peer sending a larger one is disconnected. -1 = no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public long MaxMessageSize
    {
        get => GetInt64(LibZmq.ZMQ_MAXMSGSIZE, nameof(MaxMessageSize));
        set => SetInt64(LibZmq.ZMQ_MAXMSGSIZE, OptionRange.AtLeast(value, -1L, nameof(MaxMessageSize)), nameof(MaxMessageSize));
    }

    /// <summary>ZMQ_SNDHWM: High-water mark of outbound messages per peer; 0 = no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int SendHighWatermark
    {
        get => GetInt32(LibZmq.ZMQ_SNDHWM, nameof(SendHighWatermark));
        set => SetInt32(LibZmq.ZMQ_SNDHWM, OptionRange.AtLeast(value, 0, nameof(SendHighWatermark)), nameof(SendHighWatermark));
    }

    /// <summary>ZMQ_RCVHWM: High-water mark of inbound messages per peer; 0 = no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int ReceiveHighWatermark
    {
        get => GetInt32(LibZmq.ZMQ_RCVHWM, nameof(ReceiveHighWatermark));
        set => SetInt32(LibZmq.ZMQ_RCVHWM, OptionRange.AtLeast(value, 0, nameof(ReceiveHighWatermark)), nameof(ReceiveHighWatermark));
    }

    /// <summary>ZMQ_MULTICAST_HOPS: Time-to-live of multicast packets.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int MulticastHops
    {
        get => GetInt32(LibZmq.ZMQ_MULTICAST_HOPS, nameof(MulticastHops));
        set => SetInt32(LibZmq.ZMQ_MULTICAST_HOPS, OptionRange.AtLeast(value, 1, nameof(MulticastHops)), nameof(MulticastHops));
    }

    /// <summary>ZMQ_RCVTIMEO: How long a receive blocks before it fails with EAGAIN; Timeout.InfiniteTimeSpan (the default) waits forever.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative (other than Timeout.InfiniteTimeSpan) or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan ReceiveTimeout
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_RCVTIMEO, nameof(ReceiveTimeout)));
        set => SetInt32(LibZmq.ZMQ_RCVTIMEO, OptionRange.ToMilliseconds(value, nameof(ReceiveTimeout), allowInfinite: true), nameof(ReceiveTimeout));
    }

    /// <summary>ZMQ_SNDTIMEO: How long a send blocks before it fails with EAGAIN; Timeout.InfiniteTimeSpan (the default) waits forever.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative (other than Timeout.InfiniteTimeSpan) or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan SendTimeout
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_SNDTIMEO, nameof(SendTimeout)));
        set => SetInt32(LibZmq.ZMQ_SNDTIMEO, OptionRange.ToMilliseconds(value, nameof(SendTimeout), allowInfinite: true), nameof(SendTimeout));
    }

    /// <summary>ZMQ_ROUTER_MANDATORY: ROUTER: fail with EHOSTUNREACH instead of silently dropping a message to an unknown routing id. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetRouterMandatory(bool value) => SetBoolean(LibZmq.ZMQ_ROUTER_MANDATORY, value, "RouterMandatory");

    /// <summary>ZMQ_TCP_KEEPALIVE: SO_KEEPALIVE: -1 = OS default, 0 = off, 1 = on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int TcpKeepalive
    {
        get => GetInt32(LibZmq.ZMQ_TCP_KEEPALIVE, nameof(TcpKeepalive));
        set => SetInt32(LibZmq.ZMQ_TCP_KEEPALIVE, OptionRange.AtLeast(value, -1, nameof(TcpKeepalive)), nameof(TcpKeepalive));
    }

    /// <summary>ZMQ_TCP_KEEPALIVE_CNT: TCP_KEEPCNT; -1 = OS default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int TcpKeepaliveCount
    {
        get => GetInt32(LibZmq.ZMQ_TCP_KEEPALIVE_CNT, nameof(TcpKeepaliveCount));
        set => SetInt32(LibZmq.ZMQ_TCP_KEEPALIVE_CNT, OptionRange.AtLeast(value, -1, nameof(TcpKeepaliveCount)), nameof(TcpKeepaliveCount));
    }

    /// <summary>ZMQ_TCP_KEEPALIVE_IDLE: TCP_KEEPIDLE in seconds; -1 = OS default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int TcpKeepaliveIdle
    {
        get => GetInt32(LibZmq.ZMQ_TCP_KEEPALIVE_IDLE, nameof(TcpKeepaliveIdle));
        set => SetInt32(LibZmq.ZMQ_TCP_KEEPALIVE_IDLE, OptionRange.AtLeast(value, -1, nameof(TcpKeepaliveIdle)), nameof(TcpKeepaliveIdle));
    }

    /// <summary>ZMQ_TCP_KEEPALIVE_INTVL: TCP_KEEPINTVL in seconds; -1 = OS default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int TcpKeepaliveInterval
    {
        get => GetInt32(LibZmq.ZMQ_TCP_KEEPALIVE_INTVL, nameof(TcpKeepaliveInterval));
        set => SetInt32(LibZmq.ZMQ_TCP_KEEPALIVE_INTVL, OptionRange.AtLeast(value, -1, nameof(TcpKeepaliveInterval)), nameof(TcpKeepaliveInterval));
    }

    /// <summary>ZMQ_IMMEDIATE: Queue messages only to completed connections, never to peers still connecting.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool Immediate
    {
        get => GetBoolean(LibZmq.ZMQ_IMMEDIATE, nameof(Immediate));
        set => SetBoolean(LibZmq.ZMQ_IMMEDIATE, value, nameof(Immediate));
    }

    /// <summary>ZMQ_XPUB_VERBOSE: XPUB: pass on every subscription message, not only new ones. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetXPubVerbose(bool value) => SetBoolean(LibZmq.ZMQ_XPUB_VERBOSE, value, "XPubVerbose");

    /// <summary>ZMQ_ROUTER_RAW: ROUTER: raw TCP mode (deprecated by libzmq; use a Stream socket). Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetRouterRaw(bool value) => SetBoolean(LibZmq.ZMQ_ROUTER_RAW, value, "RouterRaw");

    /// <summary>ZMQ_IPV6: Use IPv6 (with IPv4-mapped addresses) on this socket.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool IPv6
    {
        get => GetBoolean(LibZmq.ZMQ_IPV6, nameof(IPv6));
        set => SetBoolean(LibZmq.ZMQ_IPV6, value, nameof(IPv6));
    }

    /// <summary>ZMQ_PLAIN_SERVER: Act as the server of the PLAIN security mechanism.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool PlainServer
    {
        get => GetBoolean(LibZmq.ZMQ_PLAIN_SERVER, nameof(PlainServer));
        set => SetBoolean(LibZmq.ZMQ_PLAIN_SERVER, value, nameof(PlainServer));
    }

    /// <summary>ZMQ_PLAIN_USERNAME: PLAIN client username (null switches back to the NULL mechanism).</summary>
    /// <exception cref="ArgumentException">Set to a value containing NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public string? PlainUsername
    {
        get => GetString(LibZmq.ZMQ_PLAIN_USERNAME, nameof(PlainUsername));
        set => SetString(LibZmq.ZMQ_PLAIN_USERNAME, value, nameof(PlainUsername));
    }

    /// <summary>ZMQ_PLAIN_PASSWORD: PLAIN client password.</summary>
    /// <exception cref="ArgumentException">Set to a value containing NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public string? PlainPassword
    {
        get => GetString(LibZmq.ZMQ_PLAIN_PASSWORD, nameof(PlainPassword));
        set => SetString(LibZmq.ZMQ_PLAIN_PASSWORD, value, nameof(PlainPassword));
    }

    /// <summary>ZMQ_CURVE_SERVER: Act as the server of the CURVE security mechanism.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool CurveServer
    {
        get => GetBoolean(LibZmq.ZMQ_CURVE_SERVER, nameof(CurveServer));
        set => SetBoolean(LibZmq.ZMQ_CURVE_SERVER, value, nameof(CurveServer));
    }

    /// <summary>ZMQ_CURVE_PUBLICKEY: This socket's long-term CURVE public key (32 bytes).</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">Set to a value that is not exactly 32 bytes long.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public byte[] CurvePublicKey
    {
        get => GetBytes(LibZmq.ZMQ_CURVE_PUBLICKEY, 32, nameof(CurvePublicKey));
        set => SetBytes(LibZmq.ZMQ_CURVE_PUBLICKEY, CheckLength(value, 32, 32, nameof(CurvePublicKey)), nameof(CurvePublicKey));
    }

    /// <summary>
    /// Sets ZMQ_CURVE_SECRETKEY, this socket's long-term CURVE secret key. libzmq keeps its own copy
    /// (which it does not wipe); <paramref name="key"/> stays the caller's to dispose.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The key or the socket was disposed.</exception>
    /// <exception cref="NotSupportedException">libzmq was built without CURVE.</exception>
    public void SetCurveSecretKey(ZmqCurveSecretKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        SetBytes(LibZmq.ZMQ_CURVE_SECRETKEY, key.Span, "CurveSecretKey");
    }

    /// <summary>
    /// Reads ZMQ_CURVE_SECRETKEY into wiped memory that the caller owns and disposes; the stack
    /// buffer it passes through is zeroed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public ZmqCurveSecretKey GetCurveSecretKey()
    {
        Span<byte> buffer = stackalloc byte[ZmqCurveSecretKey.Length];
        try
        {
            int length = GetBytes(LibZmq.ZMQ_CURVE_SECRETKEY, buffer, "CurveSecretKey");
            return ZmqCurveSecretKey.FromBytes(buffer[..length]);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>ZMQ_CURVE_SERVERKEY: The CURVE server's public key a client connects to (32 bytes).</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">Set to a value that is not exactly 32 bytes long.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public byte[] CurveServerKey
    {
        get => GetBytes(LibZmq.ZMQ_CURVE_SERVERKEY, 32, nameof(CurveServerKey));
        set => SetBytes(LibZmq.ZMQ_CURVE_SERVERKEY, CheckLength(value, 32, 32, nameof(CurveServerKey)), nameof(CurveServerKey));
    }

    /// <summary>ZMQ_PROBE_ROUTER: Send an empty message to each new ROUTER peer so it learns this socket's routing id. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetProbeRouter(bool value) => SetBoolean(LibZmq.ZMQ_PROBE_ROUTER, value, "ProbeRouter");

    /// <summary>ZMQ_REQ_CORRELATE: REQ: match replies to requests with a request id. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetRequestCorrelate(bool value) => SetBoolean(LibZmq.ZMQ_REQ_CORRELATE, value, "RequestCorrelate");

    /// <summary>ZMQ_REQ_RELAXED: REQ: allow a new request without waiting for the reply (with RequestCorrelate). Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetRequestRelaxed(bool value) => SetBoolean(LibZmq.ZMQ_REQ_RELAXED, value, "RequestRelaxed");

    /// <summary>ZMQ_CONFLATE: Keep only the last message in the queues (single-part messages only).</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool Conflate
    {
        get => GetBoolean(LibZmq.ZMQ_CONFLATE, nameof(Conflate));
        set => SetBoolean(LibZmq.ZMQ_CONFLATE, value, nameof(Conflate));
    }

    /// <summary>ZMQ_ZAP_DOMAIN: The authentication domain sent to the ZAP handler.</summary>
    /// <exception cref="ArgumentException">Set to a value containing NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public string? ZapDomain
    {
        get => GetString(LibZmq.ZMQ_ZAP_DOMAIN, nameof(ZapDomain));
        set => SetString(LibZmq.ZMQ_ZAP_DOMAIN, value, nameof(ZapDomain));
    }

    /// <summary>ZMQ_ROUTER_HANDOVER: ROUTER: hand a routing id over to a new connection that claims it. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetRouterHandover(bool value) => SetBoolean(LibZmq.ZMQ_ROUTER_HANDOVER, value, "RouterHandover");

    /// <summary>ZMQ_TOS: The IP type-of-service (DSCP) field of outgoing packets.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int TypeOfService
    {
        get => GetInt32(LibZmq.ZMQ_TOS, nameof(TypeOfService));
        set => SetInt32(LibZmq.ZMQ_TOS, OptionRange.AtLeast(value, 0, nameof(TypeOfService)), nameof(TypeOfService));
    }

    /// <summary>ZMQ_CONNECT_ROUTING_ID: The routing id the next Connect assigns to that peer (ROUTER and STREAM). Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">A value that is not 1 to 255 bytes long.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetConnectRoutingId(byte[] value) => SetBytes(LibZmq.ZMQ_CONNECT_ROUTING_ID, CheckLength(value, 1, 255, "ConnectRoutingId"), "ConnectRoutingId");

    /// <summary>ZMQ_GSSAPI_SERVER: Act as the server of the GSSAPI mechanism.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool GssapiServer
    {
        get => GetBoolean(LibZmq.ZMQ_GSSAPI_SERVER, nameof(GssapiServer));
        set => SetBoolean(LibZmq.ZMQ_GSSAPI_SERVER, value, nameof(GssapiServer));
    }

    /// <summary>ZMQ_GSSAPI_PRINCIPAL: The GSSAPI principal of this socket.</summary>
    /// <exception cref="ArgumentException">Set to a value containing NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public string? GssapiPrincipal
    {
        get => GetString(LibZmq.ZMQ_GSSAPI_PRINCIPAL, nameof(GssapiPrincipal));
        set => SetString(LibZmq.ZMQ_GSSAPI_PRINCIPAL, value, nameof(GssapiPrincipal));
    }

    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL: The GSSAPI service principal a client connects to.</summary>
    /// <exception cref="ArgumentException">Set to a value containing NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public string? GssapiServicePrincipal
    {
        get => GetString(LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL, nameof(GssapiServicePrincipal));
        set => SetString(LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL, value, nameof(GssapiServicePrincipal));
    }

    /// <summary>ZMQ_GSSAPI_PLAINTEXT: Disable GSSAPI encryption.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool GssapiPlaintext
    {
        get => GetBoolean(LibZmq.ZMQ_GSSAPI_PLAINTEXT, nameof(GssapiPlaintext));
        set => SetBoolean(LibZmq.ZMQ_GSSAPI_PLAINTEXT, value, nameof(GssapiPlaintext));
    }

    /// <summary>ZMQ_HANDSHAKE_IVL: Maximum ZMTP handshake time; zero disables the limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative, infinite or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan HandshakeInterval
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_HANDSHAKE_IVL, nameof(HandshakeInterval)));
        set => SetInt32(LibZmq.ZMQ_HANDSHAKE_IVL, OptionRange.ToMilliseconds(value, nameof(HandshakeInterval), allowInfinite: false), nameof(HandshakeInterval));
    }

    /// <summary>ZMQ_SOCKS_PROXY: A SOCKS5 proxy (host:port) for outgoing TCP connections.</summary>
    /// <exception cref="ArgumentException">Set to a value containing NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public string? SocksProxy
    {
        get => GetString(LibZmq.ZMQ_SOCKS_PROXY, nameof(SocksProxy));
        set => SetString(LibZmq.ZMQ_SOCKS_PROXY, value, nameof(SocksProxy));
    }

    /// <summary>ZMQ_XPUB_NODROP: XPUB/PUB: fail with EAGAIN at the high-water mark instead of dropping. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetXPubNoDrop(bool value) => SetBoolean(LibZmq.ZMQ_XPUB_NODROP, value, "XPubNoDrop");

    /// <summary>ZMQ_XPUB_MANUAL: XPUB: subscriptions are managed by the application. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetXPubManual(bool value) => SetBoolean(LibZmq.ZMQ_XPUB_MANUAL, value, "XPubManual");

    /// <summary>ZMQ_XPUB_WELCOME_MSG: XPUB: a message sent to every new subscriber. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">A value that is not 0 to 2147483647 bytes long.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetXPubWelcomeMessage(byte[] value) => SetBytes(LibZmq.ZMQ_XPUB_WELCOME_MSG, CheckLength(value, 0, 2147483647, "XPubWelcomeMessage"), "XPubWelcomeMessage");

    /// <summary>ZMQ_STREAM_NOTIFY: STREAM: deliver empty messages on connect and disconnect (default true). Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetStreamNotify(bool value) => SetBoolean(LibZmq.ZMQ_STREAM_NOTIFY, value, "StreamNotify");

    /// <summary>ZMQ_INVERT_MATCHING: PUB/SUB: deliver messages that do not match the subscriptions.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public bool InvertMatching
    {
        get => GetBoolean(LibZmq.ZMQ_INVERT_MATCHING, nameof(InvertMatching));
        set => SetBoolean(LibZmq.ZMQ_INVERT_MATCHING, value, nameof(InvertMatching));
    }

    /// <summary>ZMQ_HEARTBEAT_IVL: Interval of ZMTP heartbeats (PING); zero disables them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative, infinite or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan HeartbeatInterval
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_HEARTBEAT_IVL, nameof(HeartbeatInterval)));
        set => SetInt32(LibZmq.ZMQ_HEARTBEAT_IVL, OptionRange.ToMilliseconds(value, nameof(HeartbeatInterval), allowInfinite: false), nameof(HeartbeatInterval));
    }

    /// <summary>ZMQ_HEARTBEAT_TTL: How long the peer may wait for traffic before timing out this connection (sent in PING; 100 ms resolution, at most 6553.599 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative, infinite or over 6553599 ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan HeartbeatTtl
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_HEARTBEAT_TTL, nameof(HeartbeatTtl)));
        set => SetInt32(LibZmq.ZMQ_HEARTBEAT_TTL, OptionRange.ToMilliseconds(value, nameof(HeartbeatTtl), allowInfinite: false, maximum: 6553599), nameof(HeartbeatTtl));
    }

    /// <summary>ZMQ_HEARTBEAT_TIMEOUT: How long to wait for traffic after a PING before closing; Timeout.InfiniteTimeSpan = HeartbeatInterval.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative (other than Timeout.InfiniteTimeSpan) or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan HeartbeatTimeout
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_HEARTBEAT_TIMEOUT, nameof(HeartbeatTimeout)));
        set => SetInt32(LibZmq.ZMQ_HEARTBEAT_TIMEOUT, OptionRange.ToMilliseconds(value, nameof(HeartbeatTimeout), allowInfinite: true), nameof(HeartbeatTimeout));
    }

    /// <summary>ZMQ_XPUB_VERBOSER: XPUB: pass on every subscription and unsubscription message. Write-only in libzmq 4.3, hence a method.</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public void SetXPubVerboser(bool value) => SetBoolean(LibZmq.ZMQ_XPUB_VERBOSER, value, "XPubVerboser");

    /// <summary>ZMQ_CONNECT_TIMEOUT: TCP connect timeout; zero = the OS default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative, infinite or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan ConnectTimeout
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_CONNECT_TIMEOUT, nameof(ConnectTimeout)));
        set => SetInt32(LibZmq.ZMQ_CONNECT_TIMEOUT, OptionRange.ToMilliseconds(value, nameof(ConnectTimeout), allowInfinite: false), nameof(ConnectTimeout));
    }

    /// <summary>ZMQ_TCP_MAXRT: TCP_USER_TIMEOUT, the maximum retransmission time; zero = the OS default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative, infinite or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan TcpMaxRetransmitTimeout
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_TCP_MAXRT, nameof(TcpMaxRetransmitTimeout)));
        set => SetInt32(LibZmq.ZMQ_TCP_MAXRT, OptionRange.ToMilliseconds(value, nameof(TcpMaxRetransmitTimeout), allowInfinite: false), nameof(TcpMaxRetransmitTimeout));
    }

    /// <summary>ZMQ_MULTICAST_MAXTPDU: Largest multicast transport data unit in bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int MulticastMaxTpdu
    {
        get => GetInt32(LibZmq.ZMQ_MULTICAST_MAXTPDU, nameof(MulticastMaxTpdu));
        set => SetInt32(LibZmq.ZMQ_MULTICAST_MAXTPDU, OptionRange.AtLeast(value, 1, nameof(MulticastMaxTpdu)), nameof(MulticastMaxTpdu));
    }

    /// <summary>ZMQ_VMCI_BUFFER_SIZE: VMCI buffer size (only on libzmq builds with the vmci transport).</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public ulong VmciBufferSize
    {
        get => GetUInt64(LibZmq.ZMQ_VMCI_BUFFER_SIZE, nameof(VmciBufferSize));
        set => SetUInt64(LibZmq.ZMQ_VMCI_BUFFER_SIZE, value, nameof(VmciBufferSize));
    }

    /// <summary>ZMQ_VMCI_BUFFER_MIN_SIZE: VMCI minimum buffer size (vmci builds only).</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public ulong VmciBufferMinSize
    {
        get => GetUInt64(LibZmq.ZMQ_VMCI_BUFFER_MIN_SIZE, nameof(VmciBufferMinSize));
        set => SetUInt64(LibZmq.ZMQ_VMCI_BUFFER_MIN_SIZE, value, nameof(VmciBufferMinSize));
    }

    /// <summary>ZMQ_VMCI_BUFFER_MAX_SIZE: VMCI maximum buffer size (vmci builds only).</summary>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public ulong VmciBufferMaxSize
    {
        get => GetUInt64(LibZmq.ZMQ_VMCI_BUFFER_MAX_SIZE, nameof(VmciBufferMaxSize));
        set => SetUInt64(LibZmq.ZMQ_VMCI_BUFFER_MAX_SIZE, value, nameof(VmciBufferMaxSize));
    }

    /// <summary>ZMQ_VMCI_CONNECT_TIMEOUT: VMCI connect timeout (vmci builds only).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set negative (other than Timeout.InfiniteTimeSpan) or over int.MaxValue ms.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public TimeSpan VmciConnectTimeout
    {
        get => OptionRange.FromMilliseconds(GetInt32(LibZmq.ZMQ_VMCI_CONNECT_TIMEOUT, nameof(VmciConnectTimeout)));
        set => SetInt32(LibZmq.ZMQ_VMCI_CONNECT_TIMEOUT, OptionRange.ToMilliseconds(value, nameof(VmciConnectTimeout), allowInfinite: true), nameof(VmciConnectTimeout));
    }

    /// <summary>ZMQ_USE_FD: A pre-created, bound listening socket for the next Bind; -1 = none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below -1.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int UseFd
    {
        get => GetInt32(LibZmq.ZMQ_USE_FD, nameof(UseFd));
        set => SetInt32(LibZmq.ZMQ_USE_FD, OptionRange.AtLeast(value, -1, nameof(UseFd)), nameof(UseFd));
    }

    /// <summary>ZMQ_GSSAPI_PRINCIPAL_NAMETYPE: Name type of GssapiPrincipal (0 host-based, 1 user name, 2 Kerberos principal).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int GssapiPrincipalNameType
    {
        get => GetInt32(LibZmq.ZMQ_GSSAPI_PRINCIPAL_NAMETYPE, nameof(GssapiPrincipalNameType));
        set => SetInt32(LibZmq.ZMQ_GSSAPI_PRINCIPAL_NAMETYPE, OptionRange.AtLeast(value, 0, nameof(GssapiPrincipalNameType)), nameof(GssapiPrincipalNameType));
    }

    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE: Name type of GssapiServicePrincipal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public int GssapiServicePrincipalNameType
    {
        get => GetInt32(LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE, nameof(GssapiServicePrincipalNameType));
        set => SetInt32(LibZmq.ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE, OptionRange.AtLeast(value, 0, nameof(GssapiServicePrincipalNameType)), nameof(GssapiServicePrincipalNameType));
    }

    /// <summary>ZMQ_BINDTODEVICE: SO_BINDTODEVICE: the network interface this socket's connections use.</summary>
    /// <exception cref="ArgumentException">Set to a value containing NUL.</exception>
    /// <exception cref="ZmqException">libzmq rejects the value or option (the message names it).</exception>
    public string? BindToDevice
    {
        get => GetString(LibZmq.ZMQ_BINDTODEVICE, nameof(BindToDevice));
        set => SetString(LibZmq.ZMQ_BINDTODEVICE, value, nameof(BindToDevice));
    }

    private static byte[] CheckLength(byte[] value, int minimum, int maximum, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length < minimum || value.Length > maximum)
        {
            string expected = minimum == maximum ? $"exactly {minimum}" : $"{minimum} to {maximum}";
            throw new ArgumentException($"{name} must be {expected} bytes long; got {value.Length}.", name);
        }
        return value;
    }
}
