using Zmq.Interop;

namespace Zmq;

/// <summary>
/// The native draft poller (<c>zmq_poller_*</c>) behind a <see cref="ZmqPoller"/> that holds a
/// thread-safe socket: <c>zmq_poll</c> would build and destroy one on every call, this one is built
/// once (and again after the items change) and waited on with <c>zmq_poller_wait_all</c>.
/// </summary>
/// <remarks>
/// A native poller hooks itself into each thread-safe socket it holds and unhooks itself when it is
/// destroyed or the socket removed, which must happen before the socket closes (libzmq 4.3.4 only
/// skips a freed socket by reading its tag out of freed memory; this binding does not rely on that). So each thread-safe
/// socket's handle lists the sets that hold it and, just before <c>zmq_close</c>, asks each to forget
/// it (<see cref="ForgetSocket"/>). That can run on any thread, never during a wait (the poller
/// references every socket while it waits), so one lock around every native call on the set is
/// enough. An abandoned set is destroyed by its finalizer, which runs before the critical finalizers
/// of the socket handles it holds.
/// </remarks>
internal sealed unsafe class DraftPollSet : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<OwnedSocketHandle> _hooked = [];
    private nint _poller;

    private DraftPollSet(nint poller) => _poller = poller;

    ~DraftPollSet() => Destroy();

    /// <summary>Builds the set: each socket item by its raw pointer, each descriptor item, with its index as user data.</summary>
    /// <exception cref="ZmqException">libzmq refused an item.</exception>
    public static DraftPollSet Build(ReadOnlySpan<ZmqSocket?> sockets, ReadOnlySpan<nint> rawSockets, ReadOnlySpan<nint> descriptors, ReadOnlySpan<short> events, ReadOnlySpan<bool> removed)
    {
        nint poller = LibZmq.Draft.zmq_poller_new();
        if (poller == 0)
        {
            ThrowHelper.ThrowLastError("zmq_poller_new");
        }
        var set = new DraftPollSet(poller);
        try
        {
            lock (set._lock)
            {
                for (int i = 0; i < sockets.Length; i++)
                {
                    if (removed[i])
                    {
                        continue; // ZmqPoller.Remove: a hole that keeps the other indexes
                    }
                    int rc = sockets[i] is null
                        ? LibZmq.Draft.zmq_poller_add_fd(poller, descriptors[i], i, events[i])
                        : LibZmq.Draft.zmq_poller_add(poller, rawSockets[i], i, events[i]);
                    if (rc != 0)
                    {
                        ThrowHelper.ThrowLastError(sockets[i] is null ? "zmq_poller_add_fd" : "zmq_poller_add", option: $"poll item {i}");
                    }
                    if (sockets[i] is { ThreadSafe: true } socket)
                    {
                        socket.OwnedHandle.HookPollSet(set);
                        set._hooked.Add(socket.OwnedHandle);
                    }
                }
            }
        }
        catch
        {
            set.Dispose();
            throw;
        }
        return set;
    }

    /// <summary>
    /// <c>zmq_poller_wait_all</c> into <paramref name="ready"/>: how many items are ready, 0 on timeout,
    /// -1 on another failure (read <c>zmq_errno</c>). The caller references every socket meanwhile.
    /// </summary>
    public int Wait(zmq_poller_event_t* ready, int capacity, long timeoutMs)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_poller == 0, this);
            int rc = LibZmq.Draft.zmq_poller_wait_all(_poller, ready, capacity, new System.Runtime.InteropServices.CLong((nint)timeoutMs));
            return rc < 0 && LibZmq.zmq_errno() == ErrnoTable.EAGAIN ? 0 : rc;
        }
    }

    /// <summary>A socket of the set is about to close (its handle's BeforeClose): the poller lets go of it.</summary>
    public void ForgetSocket(nint socket)
    {
        lock (_lock)
        {
            if (_poller != 0)
            {
                _ = LibZmq.Draft.zmq_poller_remove(_poller, socket);
            }
        }
    }

    public void Dispose()
    {
        Destroy();
        GC.SuppressFinalize(this);
    }

    private void Destroy()
    {
        OwnedSocketHandle[] hooked;
        lock (_lock)
        {
            nint poller = _poller;
            if (poller == 0)
            {
                return;
            }
            _poller = 0;
            LibZmq.Draft.zmq_poller_destroy(&poller);
            hooked = [.. _hooked];
            _hooked.Clear();
        }
        foreach (OwnedSocketHandle handle in hooked)
        {
            handle.UnhookPollSet(this);
        }
    }
}
