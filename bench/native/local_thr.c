/* local_thr <bind-to> <message-size> <message-count>: PULL, binds, times the stream. */
#include "perf_common.h"

int main(int argc, char *argv[])
{
    if (argc != 4) {
        fprintf(stderr, "usage: local_thr <bind-to> <message-size> <message-count>\n");
        return 1;
    }
    long size = parse_count(argv[2], "message-size");
    long count = parse_count(argv[3], "message-count");
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, ZMQ_PULL);
    if (zmq_bind(s, argv[1]) != 0)
        die("zmq_bind");
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    recv_exact(s, &msg, size, "zmq_msg_recv");
    double start = now_us();
    for (long i = 1; i < count; i++)
        recv_exact(s, &msg, size, "zmq_msg_recv");
    double elapsed = now_us() - start;
    zmq_msg_close(&msg);
    print_throughput(size, count, elapsed);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
