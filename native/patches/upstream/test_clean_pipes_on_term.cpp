/* SPDX-License-Identifier: MPL-2.0 */

/*  Reproducer for issue #3442, in libzmq's test style (tests/test_*.cpp).

    A PUSH fills its queue with large multipart messages towards a PULL that
    never reads, so the PUSH's TCP engine is stuck in the middle of a message.
    Both sockets are then closed at the same time from two threads: the PULL's
    close resets the connection (an engine error on the PUSH's side) while the
    PUSH's close makes its session terminate its pipe. Without the fix,
    session_base_t::clean_pipes () asserts ("Resource temporarily unavailable
    (src/session_base.cpp:260)") when the error arrives after the pipe began to
    terminate; measured on libzmq 4.3.4, in about one round in fifty.

    Suggested CMake entry: add test_clean_pipes_on_term to the list of tests
    in tests/CMakeLists.txt (it needs TCP only).  */

#include "testutil.hpp"
#include "testutil_unity.hpp"

#include <string.h>

SETUP_TEARDOWN_TESTCONTEXT

static const int rounds = 200;
static const size_t payload_size = 256 * 1024;
static uint8_t payload[payload_size];

static void close_socket (void *socket_)
{
    TEST_ASSERT_SUCCESS_ERRNO (zmq_close (socket_));
}

static void set_int (void *socket_, int option_, int value_)
{
    TEST_ASSERT_SUCCESS_ERRNO (
      zmq_setsockopt (socket_, option_, &value_, sizeof value_));
}

static void test_clean_pipes_while_the_pipe_terminates ()
{
    for (int round = 0; round < rounds; round++) {
        //  The PULL lives in its own context, so that its I/O thread can reset
        //  the connection at any point of the PUSH session's termination.
        void *peer_ctx = zmq_ctx_new ();
        TEST_ASSERT_NOT_NULL (peer_ctx);
        void *pull = zmq_socket (peer_ctx, ZMQ_PULL);
        TEST_ASSERT_NOT_NULL (pull);
        set_int (pull, ZMQ_LINGER, 0);
        set_int (pull, ZMQ_RCVHWM, 1);
        set_int (pull, ZMQ_RCVBUF, 4096);
        char endpoint[MAX_SOCKET_STRING];
        bind_loopback_ipv4 (pull, endpoint, sizeof endpoint);

        void *push = zmq_socket (get_test_context (), ZMQ_PUSH);
        TEST_ASSERT_NOT_NULL (push);
        set_int (push, ZMQ_LINGER, 0);
        set_int (push, ZMQ_SNDHWM, 4);
        set_int (push, ZMQ_SNDBUF, 4096);
        TEST_ASSERT_SUCCESS_ERRNO (zmq_connect (push, endpoint));

        //  Queue [index][payload][payload][index] until the pipe is full.
        int queued = 0;
        for (int attempt = 0; attempt < 5000 && queued < 64; attempt++) {
            if (zmq_send (push, &queued, sizeof queued,
                          ZMQ_SNDMORE | ZMQ_DONTWAIT)
                == -1) {
                TEST_ASSERT_EQUAL_INT (EAGAIN, errno);
                if (queued > 0)
                    break;
                msleep (1);
                continue;
            }
            //  Once the first frame is accepted, the others always are.
            send_array_expect_success (push, payload, ZMQ_SNDMORE);
            send_array_expect_success (push, payload, ZMQ_SNDMORE);
            TEST_ASSERT_EQUAL_INT (
              sizeof queued, zmq_send (push, &queued, sizeof queued, 0));
            queued++;
        }
        TEST_ASSERT_GREATER_THAN_INT (0, queued);

        //  Close both ends together, each end on either thread in turn.
        void *closer = zmq_threadstart (&close_socket, round % 2 ? pull : push);
        close_socket (round % 2 ? push : pull);
        zmq_threadclose (closer);
        TEST_ASSERT_SUCCESS_ERRNO (zmq_ctx_term (peer_ctx));
    }
}

int main ()
{
    setup_test_environment ();
    memset (payload, 'x', payload_size);

    UNITY_BEGIN ();
    RUN_TEST (test_clean_pipes_while_the_pipe_terminates);
    return UNITY_END ();
}
