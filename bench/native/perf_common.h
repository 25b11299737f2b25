/* Shared helpers of the native C perf programs: the physical limit a binding can approach.
 * Same arguments, semantics and output as libzmq's own perf tools (perf/local_thr.c and friends):
 * throughput is timed from the first message received to the last; latency is half the average
 * round trip. Like libzmq's, they set no socket option: default high-water marks (1000) and
 * linger, so the binding and NetMQ programs, which mirror these, are measured under the settings
 * a user gets. Each program also prints "allocated: 0 [B/msg]" so every implementation's output
 * has the same lines (C allocates nothing on a managed heap). */
#ifndef PERF_COMMON_H
#define PERF_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define LATENCY_WARMUP 1000

static inline void die(const char *what)
{
    fprintf(stderr, "error in %s: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

static inline long parse_count(const char *text, const char *name)
{
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0) {
        fprintf(stderr, "%s must be a positive number, got '%s'\n", name, text);
        exit(1);
    }
    return value;
}

static inline double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec * 1e6 + (double) ts.tv_nsec / 1e3;
}

static inline void print_throughput(long size, long count, double elapsed_us)
{
    if (elapsed_us <= 0)
        elapsed_us = 1;
    double throughput = (double) count / elapsed_us * 1e6;
    double megabits = throughput * (double) size * 8 / 1e6;
    printf("message size: %ld [B]\n", size);
    printf("message count: %ld\n", count);
    printf("mean throughput: %.0f [msg/s]\n", throughput);
    printf("mean throughput: %.3f [Mb/s]\n", megabits);
    printf("allocated: 0 [B/msg]\n");
}

static inline void print_latency(long size, long roundtrips, double elapsed_us)
{
    printf("message size: %ld [B]\n", size);
    printf("roundtrip count: %ld\n", roundtrips);
    printf("average latency: %.3f [us]\n", elapsed_us / ((double) roundtrips * 2));
    printf("allocated: 0 [B/msg]\n");
}

/* Receives exactly one frame of the expected size into buf; exits on error. */
static inline void recv_exact(void *socket, zmq_msg_t *msg, long size, const char *what)
{
    if (zmq_msg_recv(msg, socket, 0) < 0)
        die(what);
    if ((long) zmq_msg_size(msg) != size) {
        fprintf(stderr, "%s: message of wrong size %zu (expected %ld)\n", what, zmq_msg_size(msg), size);
        exit(1);
    }
}

static inline void send_size(void *socket, long size, const char *what)
{
    zmq_msg_t msg;
    if (zmq_msg_init_size(&msg, (size_t) size) != 0)
        die("zmq_msg_init_size");
    if (zmq_msg_send(&msg, socket, 0) < 0)
        die(what);
    zmq_msg_close(&msg); /* empty after a send; closed as libzmq's remote_thr does */
}

#endif
