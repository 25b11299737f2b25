namespace Zmq.Interop;

public static unsafe partial class LibZmq
{
    // Draft monitoring: the versioned monitor (v2 events: 64-bit values, both endpoints), pipe
    // statistics, and a ROUTER peer's state.
    public static partial class Draft
    {
        /// <summary>ZMQ_EVENT_PIPES_STATS (v2 only): the queue lengths zmq_socket_monitor_pipes_stats asked for.</summary>
        public const int ZMQ_EVENT_PIPES_STATS = 0x10000;

        /// <summary>The event version of zmq_socket_monitor (v1: 16-bit event, 32-bit value, one endpoint).</summary>
        public const int ZMQ_CURRENT_EVENT_VERSION = 1;

        /// <summary>The draft event version (v2: 64-bit event and values, local and remote endpoints).</summary>
        public const int ZMQ_CURRENT_EVENT_VERSION_DRAFT = 2;

        /// <summary>Every v2 event: ZMQ_EVENT_ALL and ZMQ_EVENT_PIPES_STATS.</summary>
        public const long ZMQ_EVENT_ALL_V2 = ZMQ_EVENT_ALL | ZMQ_EVENT_PIPES_STATS;

        private static nint s_monitorVersioned, s_monitorPipesStats, s_peerState;

        /// <summary>
        /// <c>int zmq_socket_monitor_versioned(void *s, const char *addr, uint64_t events, int event_version, int type)</c>:
        /// like zmq_socket_monitor with a chosen event format and monitor socket type (PAIR, PUB, PUSH).
        /// </summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_socket_monitor_versioned(nint socket, byte* address, ulong events, int eventVersion, int type) =>
            ((delegate* unmanaged[Cdecl]<nint, byte*, ulong, int, int, int>)Resolve(ref s_monitorVersioned, "zmq_socket_monitor_versioned"))(socket, address, events, eventVersion, type);

        /// <summary><c>int zmq_socket_monitor_pipes_stats(void *s)</c>: asks for one ZMQ_EVENT_PIPES_STATS per pipe on the v2 monitor.</summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_socket_monitor_pipes_stats(nint socket) =>
            ((delegate* unmanaged[Cdecl]<nint, int>)Resolve(ref s_monitorPipesStats, "zmq_socket_monitor_pipes_stats"))(socket);

        /// <summary><c>int zmq_socket_get_peer_state(void *socket, const void *routing_id, size_t routing_id_size)</c>: a ROUTER peer's ZMQ_POLLOUT state, or -1 (EHOSTUNREACH).</summary>
        /// <returns>The peer's ZMQ_POLLOUT state; -1 on failure (EHOSTUNREACH for an unknown routing id).</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_socket_get_peer_state(nint socket, void* routingId, nuint routingIdSize) =>
            ((delegate* unmanaged[Cdecl]<nint, void*, nuint, int>)Resolve(ref s_peerState, "zmq_socket_get_peer_state"))(socket, routingId, routingIdSize);
    }
}
