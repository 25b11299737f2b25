namespace Zmq.Interop;

public static unsafe partial class LibZmq
{
    /// <summary>
    /// zmq.h's draft section (libzmq 4.3.4, <c>ZMQ_BUILD_DRAFT_API</c>): socket types and the
    /// functions a drafts build exports. Each function is looked up by name on first use
    /// (<see cref="LibZmqExports"/>), so a library without drafts still loads; calling one there
    /// throws <see cref="NotSupportedException"/>. Calls are cdecl, like every other import.
    /// </summary>
    public static partial class Draft
    {
        /// <summary>ZMQ_SERVER: thread-safe; replies go to the routing id a message came with.</summary>
        public const int ZMQ_SERVER = 12;

        /// <summary>ZMQ_CLIENT: thread-safe; load-balances to and fair-queues from its SERVER peers.</summary>
        public const int ZMQ_CLIENT = 13;

        /// <summary>ZMQ_RADIO: thread-safe; publishes each message to a group.</summary>
        public const int ZMQ_RADIO = 14;

        /// <summary>ZMQ_DISH: thread-safe; receives the messages of the groups it joined.</summary>
        public const int ZMQ_DISH = 15;

        /// <summary>ZMQ_GATHER: thread-safe; fair-queues from its SCATTER peers.</summary>
        public const int ZMQ_GATHER = 16;

        /// <summary>ZMQ_SCATTER: thread-safe; load-balances to its GATHER peers.</summary>
        public const int ZMQ_SCATTER = 17;

        /// <summary>ZMQ_DGRAM: UDP datagrams, each message an address frame and a body frame.</summary>
        public const int ZMQ_DGRAM = 18;

        /// <summary>ZMQ_PEER: thread-safe; many peers, each addressed by the routing id zmq_connect_peer returned.</summary>
        public const int ZMQ_PEER = 19;

        /// <summary>ZMQ_CHANNEL: thread-safe PAIR.</summary>
        public const int ZMQ_CHANNEL = 20;

        /// <summary>ZMQ_ZAP_ENFORCE_DOMAIN: fail ZAP requests whose domain is empty (RFC 27 strictly).</summary>
        public const int ZMQ_ZAP_ENFORCE_DOMAIN = 93;

        /// <summary>ZMQ_LOOPBACK_FASTPATH: Windows' TCP loopback fast path.</summary>
        public const int ZMQ_LOOPBACK_FASTPATH = 94;

        /// <summary>ZMQ_METADATA: an application metadata property "X-name:value" sent in the handshake.</summary>
        public const int ZMQ_METADATA = 95;

        /// <summary>ZMQ_MULTICAST_LOOP: whether udp multicast loops back to the sender's host.</summary>
        public const int ZMQ_MULTICAST_LOOP = 96;

        /// <summary>ZMQ_ROUTER_NOTIFY: ROUTER receives an empty message when a peer connects or disconnects.</summary>
        public const int ZMQ_ROUTER_NOTIFY = 97;

        /// <summary>ZMQ_XPUB_MANUAL_LAST_VALUE: XPUB manual mode that sends the last value to a new subscriber.</summary>
        public const int ZMQ_XPUB_MANUAL_LAST_VALUE = 98;

        /// <summary>ZMQ_SOCKS_USERNAME: SOCKS5 user name.</summary>
        public const int ZMQ_SOCKS_USERNAME = 99;

        /// <summary>ZMQ_SOCKS_PASSWORD: SOCKS5 password.</summary>
        public const int ZMQ_SOCKS_PASSWORD = 100;

        /// <summary>ZMQ_IN_BATCH_SIZE: messages read from the network in one batch.</summary>
        public const int ZMQ_IN_BATCH_SIZE = 101;

        /// <summary>ZMQ_OUT_BATCH_SIZE: messages written to the network in one batch.</summary>
        public const int ZMQ_OUT_BATCH_SIZE = 102;

        /// <summary>ZMQ_ONLY_FIRST_SUBSCRIBE: XPUB/XSUB treat only the first frame as a (un)subscription.</summary>
        public const int ZMQ_ONLY_FIRST_SUBSCRIBE = 108;

        /// <summary>ZMQ_RECONNECT_STOP: when to stop reconnecting (ZMQ_RECONNECT_STOP_* flags).</summary>
        public const int ZMQ_RECONNECT_STOP = 109;

        /// <summary>ZMQ_HELLO_MSG: a message the peer receives when it connects.</summary>
        public const int ZMQ_HELLO_MSG = 110;

        /// <summary>ZMQ_DISCONNECT_MSG: a message the socket receives when a peer disconnects.</summary>
        public const int ZMQ_DISCONNECT_MSG = 111;

        /// <summary>ZMQ_PRIORITY: SO_PRIORITY of the socket's connections (Linux).</summary>
        public const int ZMQ_PRIORITY = 112;

        /// <summary>ZMQ_ROUTER_NOTIFY flag: notify on connect.</summary>
        public const int ZMQ_NOTIFY_CONNECT = 1;

        /// <summary>ZMQ_ROUTER_NOTIFY flag: notify on disconnect.</summary>
        public const int ZMQ_NOTIFY_DISCONNECT = 2;

        /// <summary>ZMQ_RECONNECT_STOP flag: stop when a connection is refused.</summary>
        public const int ZMQ_RECONNECT_STOP_CONN_REFUSED = 0x1;

        /// <summary>ZMQ_RECONNECT_STOP flag: stop when a handshake fails.</summary>
        public const int ZMQ_RECONNECT_STOP_HANDSHAKE_FAILED = 0x2;

        /// <summary>ZMQ_RECONNECT_STOP flag: stop after a disconnect.</summary>
        public const int ZMQ_RECONNECT_STOP_AFTER_DISCONNECT = 0x3;

        /// <summary>The first and last draft socket option numbers of libzmq 4.3.4.</summary>
        internal const int FirstOption = ZMQ_ZAP_ENFORCE_DOMAIN, LastOption = ZMQ_PRIORITY;

        /// <summary>The longest group name zmq_msg_set_group accepts, in bytes, without its NUL.</summary>
        public const int ZMQ_GROUP_MAX_LENGTH = 15;

        /// <summary>ZMQ_WSS_KEY_PEM: the private key of a wss:// server (PEM); for builds with WebSocket TLS.</summary>
        public const int ZMQ_WSS_KEY_PEM = 103;

        /// <summary>ZMQ_WSS_CERT_PEM: the certificate of a wss:// server (PEM).</summary>
        public const int ZMQ_WSS_CERT_PEM = 104;

        /// <summary>ZMQ_WSS_TRUST_PEM: the certificate a wss:// client trusts (PEM).</summary>
        public const int ZMQ_WSS_TRUST_PEM = 105;

        /// <summary>ZMQ_WSS_HOSTNAME: the host name a wss:// client checks the server's certificate against.</summary>
        public const int ZMQ_WSS_HOSTNAME = 106;

        /// <summary>ZMQ_WSS_TRUST_SYSTEM: whether a wss:// client trusts the system's certificate store.</summary>
        public const int ZMQ_WSS_TRUST_SYSTEM = 107;

        /// <summary>Context option ZMQ_ZERO_COPY_RECV: received tcp messages point into the engine's buffer (default 1).</summary>
        public const int ZMQ_ZERO_COPY_RECV = 10;

        /// <summary>The message property that holds the sender's routing id (<c>zmq_msg_gets</c>).</summary>
        public const string ZMQ_MSG_PROPERTY_ROUTING_ID = "Routing-Id";

        /// <summary>The message property that holds the sender's socket type.</summary>
        public const string ZMQ_MSG_PROPERTY_SOCKET_TYPE = "Socket-Type";

        /// <summary>The message property that holds the user id the ZAP handler gave the sender.</summary>
        public const string ZMQ_MSG_PROPERTY_USER_ID = "User-Id";

        /// <summary>The message property that holds the sender's address.</summary>
        public const string ZMQ_MSG_PROPERTY_PEER_ADDRESS = "Peer-Address";

        private static nint s_join, s_leave, s_connectPeer, s_msgSetRoutingId, s_msgRoutingId, s_msgSetGroup, s_msgGroup, s_msgInitBuffer;
        private static nint s_ctxSetExt, s_ctxGetExt;

        /// <summary><c>int zmq_join(void *s, const char *group)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_join(nint socket, byte* group) =>
            ((delegate* unmanaged[Cdecl]<nint, byte*, int>)Resolve(ref s_join, "zmq_join"))(socket, group);

        /// <summary><c>int zmq_leave(void *s, const char *group)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_leave(nint socket, byte* group) =>
            ((delegate* unmanaged[Cdecl]<nint, byte*, int>)Resolve(ref s_leave, "zmq_leave"))(socket, group);

        /// <summary><c>uint32_t zmq_connect_peer(void *s, const char *addr)</c>: 0 on failure.</summary>
        /// <returns>The connected peer's routing id; 0 on failure.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static uint zmq_connect_peer(nint socket, byte* address) =>
            ((delegate* unmanaged[Cdecl]<nint, byte*, uint>)Resolve(ref s_connectPeer, "zmq_connect_peer"))(socket, address);

        /// <summary><c>int zmq_msg_set_routing_id(zmq_msg_t *msg, uint32_t routing_id)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_msg_set_routing_id(zmq_msg_t* message, uint routingId) =>
            ((delegate* unmanaged[Cdecl]<zmq_msg_t*, uint, int>)Resolve(ref s_msgSetRoutingId, "zmq_msg_set_routing_id"))(message, routingId);

        /// <summary><c>uint32_t zmq_msg_routing_id(zmq_msg_t *msg)</c>: 0 when the message has none.</summary>
        /// <returns>The message's routing id; 0 when it has none.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static uint zmq_msg_routing_id(zmq_msg_t* message) =>
            ((delegate* unmanaged[Cdecl]<zmq_msg_t*, uint>)Resolve(ref s_msgRoutingId, "zmq_msg_routing_id"))(message);

        /// <summary><c>int zmq_msg_set_group(zmq_msg_t *msg, const char *group)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_msg_set_group(zmq_msg_t* message, byte* group) =>
            ((delegate* unmanaged[Cdecl]<zmq_msg_t*, byte*, int>)Resolve(ref s_msgSetGroup, "zmq_msg_set_group"))(message, group);

        /// <summary><c>const char *zmq_msg_group(zmq_msg_t *msg)</c>: the message's group, NUL-terminated.</summary>
        /// <returns>The message's group, NUL-terminated and owned by the message; empty when it has none.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static byte* zmq_msg_group(zmq_msg_t* message) =>
            ((delegate* unmanaged[Cdecl]<zmq_msg_t*, byte*>)Resolve(ref s_msgGroup, "zmq_msg_group"))(message);

        /// <summary><c>int zmq_msg_init_buffer(zmq_msg_t *msg, const void *buf, size_t size)</c>: a message holding a copy of the buffer.</summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_msg_init_buffer(zmq_msg_t* message, void* buffer, nuint size) =>
            ((delegate* unmanaged[Cdecl]<zmq_msg_t*, void*, nuint, int>)Resolve(ref s_msgInitBuffer, "zmq_msg_init_buffer"))(message, buffer, size);

        /// <summary><c>int zmq_ctx_set_ext(void *context, int option, const void *optval, size_t optvallen)</c>: a context option of any type.</summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_ctx_set_ext(nint context, int option, void* value, nuint size) =>
            ((delegate* unmanaged[Cdecl]<nint, int, void*, nuint, int>)Resolve(ref s_ctxSetExt, "zmq_ctx_set_ext"))(context, option, value, size);

        /// <summary><c>int zmq_ctx_get_ext(void *context, int option, void *optval, size_t *optvallen)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_ctx_get_ext(nint context, int option, void* value, nuint* size) =>
            ((delegate* unmanaged[Cdecl]<nint, int, void*, nuint*, int>)Resolve(ref s_ctxGetExt, "zmq_ctx_get_ext"))(context, option, value, size);

        internal static nint Resolve(ref nint cache, string name)
        {
            nint address = Volatile.Read(ref cache);
            if (address == 0)
            {
                address = LibZmqExports.GetExport(name);
                Volatile.Write(ref cache, address);
            }
            return address;
        }
    }
}
