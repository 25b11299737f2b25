/* local_lat <bind-to> <message-size> <roundtrip-count>: REP echo server. */
#include "perf_common.h"

int main(int argc, char *argv[])
{
    if (argc != 4) {
        fprintf(stderr, "usage: local_lat <bind-to> <message-size> <roundtrip-count>\n");
        return 1;
    }
    long size = parse_count(argv[2], "message-size");
    long roundtrips = parse_count(argv[3], "roundtrip-count");
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, ZMQ_REP);
    if (zmq_bind(s, argv[1]) != 0)
        die("zmq_bind");
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (long i = 0; i < roundtrips + LATENCY_WARMUP; i++) {
        recv_exact(s, &msg, size, "zmq_msg_recv");
        if (zmq_msg_send(&msg, s, 0) < 0)
            die("zmq_msg_send");
    }
    zmq_msg_close(&msg);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
