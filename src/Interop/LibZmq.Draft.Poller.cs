using System.Runtime.InteropServices;

namespace Zmq.Interop;

public static unsafe partial class LibZmq
{
    // The draft poller (zmq_poller_*): a persistent poll set, the only way to wait on thread-safe
    // sockets, which have no ZMQ_FD. A poller is not thread-safe; zmq_poller_fd gives a descriptor
    // that becomes readable when a thread-safe socket in the poller may have changed readiness.
    public static partial class Draft
    {
        private static nint s_pollerNew, s_pollerDestroy, s_pollerSize, s_pollerAdd, s_pollerModify, s_pollerRemove,
            s_pollerWait, s_pollerWaitAll, s_pollerFd, s_pollerAddFd, s_pollerModifyFd, s_pollerRemoveFd;

        /// <summary><c>void *zmq_poller_new(void)</c>: a new poller, or null (ENOMEM).</summary>
        /// <returns>The new poller, or 0 on failure.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static nint zmq_poller_new() =>
            ((delegate* unmanaged[Cdecl]<nint>)Resolve(ref s_pollerNew, "zmq_poller_new"))();

        /// <summary><c>int zmq_poller_destroy(void **poller_p)</c>: destroys the poller and nulls the pointer.</summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_destroy(nint* poller) =>
            ((delegate* unmanaged[Cdecl]<nint*, int>)Resolve(ref s_pollerDestroy, "zmq_poller_destroy"))(poller);

        /// <summary><c>int zmq_poller_size(void *poller)</c>: how many items it holds.</summary>
        /// <returns>How many items the poller holds; -1 on failure.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_size(nint poller) =>
            ((delegate* unmanaged[Cdecl]<nint, int>)Resolve(ref s_pollerSize, "zmq_poller_size"))(poller);

        /// <summary><c>int zmq_poller_add(void *poller, void *socket, void *user_data, short events)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_add(nint poller, nint socket, nint userData, short events) =>
            ((delegate* unmanaged[Cdecl]<nint, nint, nint, short, int>)Resolve(ref s_pollerAdd, "zmq_poller_add"))(poller, socket, userData, events);

        /// <summary><c>int zmq_poller_modify(void *poller, void *socket, short events)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_modify(nint poller, nint socket, short events) =>
            ((delegate* unmanaged[Cdecl]<nint, nint, short, int>)Resolve(ref s_pollerModify, "zmq_poller_modify"))(poller, socket, events);

        /// <summary><c>int zmq_poller_remove(void *poller, void *socket)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_remove(nint poller, nint socket) =>
            ((delegate* unmanaged[Cdecl]<nint, nint, int>)Resolve(ref s_pollerRemove, "zmq_poller_remove"))(poller, socket);

        /// <summary><c>int zmq_poller_wait(void *poller, zmq_poller_event_t *event, long timeout)</c>: 0, or -1 with EAGAIN on timeout.</summary>
        /// <returns>0 when an item is ready (written to <paramref name="event"/>); -1 on failure (EAGAIN on timeout).</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_wait(nint poller, zmq_poller_event_t* @event, CLong timeout) =>
            ((delegate* unmanaged[Cdecl]<nint, zmq_poller_event_t*, CLong, int>)Resolve(ref s_pollerWait, "zmq_poller_wait"))(poller, @event, timeout);

        /// <summary><c>int zmq_poller_wait_all(void *poller, zmq_poller_event_t *events, int n_events, long timeout)</c>: how many are ready, or -1 (EAGAIN on timeout).</summary>
        /// <returns>How many events were written to <paramref name="events"/>; -1 on failure (EAGAIN on timeout).</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_wait_all(nint poller, zmq_poller_event_t* events, int count, CLong timeout) =>
            ((delegate* unmanaged[Cdecl]<nint, zmq_poller_event_t*, int, CLong, int>)Resolve(ref s_pollerWaitAll, "zmq_poller_wait_all"))(poller, events, count, timeout);

        /// <summary>
        /// <c>int zmq_poller_fd(void *poller, zmq_fd_t *fd)</c>: the descriptor that signals the poller's
        /// thread-safe sockets (EINVAL when it holds none). <paramref name="fd"/> receives an <c>int</c>
        /// on POSIX and a <c>SOCKET</c> on Windows: pass a zeroed <see cref="nint"/>.
        /// </summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_fd(nint poller, nint* fd) =>
            ((delegate* unmanaged[Cdecl]<nint, nint*, int>)Resolve(ref s_pollerFd, "zmq_poller_fd"))(poller, fd);

        /// <summary><c>int zmq_poller_add_fd(void *poller, zmq_fd_t fd, void *user_data, short events)</c>; on POSIX the descriptor is passed as an int.</summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_add_fd(nint poller, nint fd, nint userData, short events) =>
            OperatingSystem.IsWindows()
                ? ((delegate* unmanaged[Cdecl]<nint, nint, nint, short, int>)Resolve(ref s_pollerAddFd, "zmq_poller_add_fd"))(poller, fd, userData, events)
                : ((delegate* unmanaged[Cdecl]<nint, int, nint, short, int>)Resolve(ref s_pollerAddFd, "zmq_poller_add_fd"))(poller, (int)fd, userData, events);

        /// <summary><c>int zmq_poller_modify_fd(void *poller, zmq_fd_t fd, short events)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_modify_fd(nint poller, nint fd, short events) =>
            OperatingSystem.IsWindows()
                ? ((delegate* unmanaged[Cdecl]<nint, nint, short, int>)Resolve(ref s_pollerModifyFd, "zmq_poller_modify_fd"))(poller, fd, events)
                : ((delegate* unmanaged[Cdecl]<nint, int, short, int>)Resolve(ref s_pollerModifyFd, "zmq_poller_modify_fd"))(poller, (int)fd, events);

        /// <summary><c>int zmq_poller_remove_fd(void *poller, zmq_fd_t fd)</c></summary>
        /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
        /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
        public static int zmq_poller_remove_fd(nint poller, nint fd) =>
            OperatingSystem.IsWindows()
                ? ((delegate* unmanaged[Cdecl]<nint, nint, int>)Resolve(ref s_pollerRemoveFd, "zmq_poller_remove_fd"))(poller, fd)
                : ((delegate* unmanaged[Cdecl]<nint, int, int>)Resolve(ref s_pollerRemoveFd, "zmq_poller_remove_fd"))(poller, (int)fd);
    }
}
