/* inproc_lat <message-size> <roundtrip-count>: REQ main thread <-> REP echo thread over inproc. */
#include <pthread.h>
#include "perf_common.h"

static long g_size, g_roundtrips;

static void *echo(void *ctx)
{
    void *s = zmq_socket(ctx, ZMQ_REP);
    if (zmq_connect(s, "inproc://lat_test") != 0)
        die("zmq_connect");
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (long i = 0; i < g_roundtrips + LATENCY_WARMUP; i++) {
        recv_exact(s, &msg, g_size, "zmq_msg_recv");
        if (zmq_msg_send(&msg, s, 0) < 0)
            die("zmq_msg_send");
    }
    zmq_msg_close(&msg);
    zmq_close(s);
    return NULL;
}

int main(int argc, char *argv[])
{
    if (argc != 3) {
        fprintf(stderr, "usage: inproc_lat <message-size> <roundtrip-count>\n");
        return 1;
    }
    g_size = parse_count(argv[1], "message-size");
    g_roundtrips = parse_count(argv[2], "roundtrip-count");
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, ZMQ_REQ);
    if (zmq_bind(s, "inproc://lat_test") != 0)
        die("zmq_bind");
    pthread_t thread;
    pthread_create(&thread, NULL, echo, ctx);
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    double start = 0;
    for (long i = 0; i < g_roundtrips + LATENCY_WARMUP; i++) {
        if (i == LATENCY_WARMUP)
            start = now_us();
        send_size(s, g_size, "zmq_msg_send");
        recv_exact(s, &msg, g_size, "zmq_msg_recv");
    }
    double elapsed = now_us() - start;
    zmq_msg_close(&msg);
    pthread_join(thread, NULL);
    print_latency(g_size, g_roundtrips, elapsed);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
