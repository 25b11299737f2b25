/* inproc_thr <message-size> <message-count>: PUSH thread -> PULL main thread over inproc. */
#include <pthread.h>
#include "perf_common.h"

static long g_size, g_count;

static void *sender(void *ctx)
{
    void *s = zmq_socket(ctx, ZMQ_PUSH);
    if (zmq_connect(s, "inproc://thr_test") != 0)
        die("zmq_connect");
    for (long i = 0; i < g_count; i++)
        send_size(s, g_size, "zmq_msg_send");
    zmq_close(s);
    return NULL;
}

int main(int argc, char *argv[])
{
    if (argc != 3) {
        fprintf(stderr, "usage: inproc_thr <message-size> <message-count>\n");
        return 1;
    }
    g_size = parse_count(argv[1], "message-size");
    g_count = parse_count(argv[2], "message-count");
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, ZMQ_PULL);
    if (zmq_bind(s, "inproc://thr_test") != 0)
        die("zmq_bind");
    pthread_t thread;
    pthread_create(&thread, NULL, sender, ctx);
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    recv_exact(s, &msg, g_size, "zmq_msg_recv");
    double start = now_us();
    for (long i = 1; i < g_count; i++)
        recv_exact(s, &msg, g_size, "zmq_msg_recv");
    double elapsed = now_us() - start;
    zmq_msg_close(&msg);
    pthread_join(thread, NULL);
    print_throughput(g_size, g_count, elapsed);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
