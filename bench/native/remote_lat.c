/* remote_lat <connect-to> <message-size> <roundtrip-count>: REQ client; prints the latency
 * after LATENCY_WARMUP untimed round trips (connection set-up excluded). */
#include "perf_common.h"

int main(int argc, char *argv[])
{
    if (argc != 4) {
        fprintf(stderr, "usage: remote_lat <connect-to> <message-size> <roundtrip-count>\n");
        return 1;
    }
    long size = parse_count(argv[2], "message-size");
    long roundtrips = parse_count(argv[3], "roundtrip-count");
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, ZMQ_REQ);
    if (zmq_connect(s, argv[1]) != 0)
        die("zmq_connect");
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    double start = 0;
    for (long i = 0; i < roundtrips + LATENCY_WARMUP; i++) {
        if (i == LATENCY_WARMUP)
            start = now_us();
        send_size(s, size, "zmq_msg_send");
        recv_exact(s, &msg, size, "zmq_msg_recv");
    }
    double elapsed = now_us() - start;
    zmq_msg_close(&msg);
    print_latency(size, roundtrips, elapsed);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
