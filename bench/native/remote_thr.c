/* remote_thr <connect-to> <message-size> <message-count>: PUSH, connects, sends the stream. */
#include "perf_common.h"

int main(int argc, char *argv[])
{
    if (argc != 4) {
        fprintf(stderr, "usage: remote_thr <connect-to> <message-size> <message-count>\n");
        return 1;
    }
    long size = parse_count(argv[2], "message-size");
    long count = parse_count(argv[3], "message-count");
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, ZMQ_PUSH);
    if (zmq_connect(s, argv[1]) != 0)
        die("zmq_connect");
    for (long i = 0; i < count; i++)
        send_size(s, size, "zmq_msg_send");
    zmq_close(s);
    zmq_ctx_term(ctx); /* Linger is -1 by default: waits until everything is sent. */
    return 0;
}
