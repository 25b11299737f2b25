using System.Net.Sockets;
using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Waits for readiness on several ZeroMQ sockets and plain file descriptors at once
/// (<c>zmq_poll(3)</c>). Build it once, then call <see cref="Poll(TimeSpan)"/> as often as needed:
/// polling allocates nothing.
/// </summary>
/// <remarks>
/// <para>Not thread-safe, like the sockets it polls: poll from the thread that uses them. A socket added
/// here is kept alive only during <see cref="Poll(TimeSpan)"/>; disposing it between polls makes the
/// next poll throw <see cref="ObjectDisposedException"/>.</para>
/// <para>A poll holds every classic socket it polls for as long as it waits, as a synchronous call
/// does: a synchronous call on one of them from another thread meanwhile is refused with
/// <see cref="InvalidOperationException"/> (and a poll that finds another thread in a synchronous
/// call on one is refused the same way), while an asynchronous operation started meanwhile waits for
/// the poll to return, then proceeds if the socket is ready; nothing the poll consumed is lost to it.
/// So poll with a timeout a socket you also await on: an await started during a poll without a timeout
/// that waits for that await's own result (the reply to a request sent asynchronously on the same
/// socket) deadlocks.</para>
/// <para>Thread-safe draft sockets (CLIENT, SERVER, RADIO, DISH…) have no ZMQ_FD, so <c>zmq_poll</c>
/// cannot watch them directly. A poller holding one waits instead on a native draft poller
/// (<c>zmq_poller_wait_all</c>), built once and again only when the items change; dispose the
/// poller to free it (its finalizer does otherwise).</para>
/// </remarks>
/// <example>
/// A broker that forwards whichever side has a message (the Guide's rrbroker):
/// <code>
/// using var poller = new ZmqPoller();
/// int front = poller.Add(frontend, ZmqPollEvents.In);
/// int back = poller.Add(backend, ZmqPollEvents.In);
/// while (true)
/// {
///     poller.Poll(Timeout.InfiniteTimeSpan);
///     if (poller.IsReadable(front)) frontend.ForwardMessageTo(backend);
///     if (poller.IsReadable(back)) backend.ForwardMessageTo(frontend);
/// }
/// </code>
/// </example>
public sealed class ZmqPoller : IDisposable
{
    private zmq_pollitem_t[] _items = new zmq_pollitem_t[4];
    private zmq_pollitem_windows_t[] _windowsItems = new zmq_pollitem_windows_t[4];
    private zmq_pollitem_windows_t[] _windowsLive = new zmq_pollitem_windows_t[4]; // Windows: the items minus removed ones
    private ZmqSocket?[] _sockets = new ZmqSocket?[4];
    private bool[] _removed = new bool[4];
    private int _count; // slots in use, removed ones included: indexes never shift
    private int _removedCount;
    private int _threadSafeItems; // zmq_poll cannot watch these: while any is held, the native draft poller waits
    private DraftPollSet? _draftSet;
    private nint[] _rawSockets = [];
    private zmq_poller_event_t[] _ready = [];

    /// <summary>Creates an empty poller; <c>Add</c> sockets and descriptors to it.</summary>
    public ZmqPoller()
    {
    }

    /// <summary>How many items are registered (removed ones not counted).</summary>
    public int Count => _count - _removedCount;

    /// <summary>Adds a ZeroMQ socket; returns its index for <see cref="GetEvents"/>.</summary>
    /// <returns>The item's index, for <see cref="GetEvents"/>, <see cref="IsReadable"/> and the rest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="events"/> is <see cref="ZmqPollEvents.None"/>.</exception>
    public int Add(ZmqSocket socket, ZmqPollEvents events)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return AddItem(socket, 0, events);
    }

    /// <summary>Adds a plain file descriptor (a Winsock SOCKET on Windows), such as a pipe or a TCP socket.</summary>
    /// <returns>The item's index, for <see cref="GetEvents"/>, <see cref="IsReadable"/> and the rest.</returns>
    /// <exception cref="ArgumentException"><paramref name="events"/> is <see cref="ZmqPollEvents.None"/>.</exception>
    public int Add(nint fileDescriptor, ZmqPollEvents events) => AddItem(null, fileDescriptor, events);

    /// <summary>Adds a <see cref="Socket"/> by its native handle.</summary>
    /// <returns>The item's index, for <see cref="GetEvents"/>, <see cref="IsReadable"/> and the rest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    public int Add(Socket socket, ZmqPollEvents events)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return AddItem(null, socket.Handle, events);
    }

    /// <summary>
    /// Changes what the item at <paramref name="index"/> waits for. <see cref="ZmqPollEvents.None"/>
    /// pauses it: <c>zmq_poll</c> skips an item with no events, so it reports nothing until it is given
    /// events again (pyzmq's <c>register(socket, 0)</c>, without shifting the other items' indexes).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No item has that index, or it was removed.</exception>
    public void SetEvents(int index, ZmqPollEvents events)
    {
        CheckIndex(index);
        if (_removed[index])
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Poll item {index} was removed: Replace it, or Add a new item.");
        }
        _items[index].events = (short)events;
        _windowsItems[index].events = (short)events;
        DiscardDraftSet(); // rebuilt with the new events at the next poll
    }

    /// <summary>The events that were ready at the last <see cref="Poll(TimeSpan)"/> for the item at <paramref name="index"/> (none for a removed item).</summary>
    /// <returns>The events that were ready for the item.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No item has that index.</exception>
    public ZmqPollEvents GetEvents(int index)
    {
        CheckIndex(index);
        return (ZmqPollEvents)(OperatingSystem.IsWindows() ? _windowsItems[index].revents : _items[index].revents);
    }

    /// <summary>Whether the item at <paramref name="index"/> was readable at the last poll.</summary>
    /// <returns>True when the item was readable at the last poll.</returns>
    public bool IsReadable(int index) => (GetEvents(index) & ZmqPollEvents.In) != 0;

    /// <summary>Whether the item at <paramref name="index"/> was writable at the last poll.</summary>
    /// <returns>True when the item was writable at the last poll.</returns>
    public bool IsWritable(int index) => (GetEvents(index) & ZmqPollEvents.Out) != 0;

    /// <summary>
    /// Waits until at least one item is ready or <paramref name="timeout"/> passes
    /// (<see cref="Timeout.InfiniteTimeSpan"/> waits forever, <see cref="TimeSpan.Zero"/> only checks).
    /// Returns how many items are ready (0 on timeout). EINTR is retried with the remaining time.
    /// </summary>
    /// <returns>How many items are ready; 0 on timeout.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (other than infinite).</exception>
    /// <exception cref="ObjectDisposedException">A polled socket was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">A polled socket's context was shut down.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on a polled classic socket.</exception>
    public int Poll(TimeSpan timeout)
    {
        long remaining = timeout == Timeout.InfiniteTimeSpan ? -1 : (long)Math.Ceiling(timeout.TotalMilliseconds);
        if (remaining < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), $"The poll timeout must be zero or more, or Timeout.InfiniteTimeSpan; got {timeout}.");
        }
        long started = Environment.TickCount64;
        while (true)
        {
            int rc = PollOnce(remaining);
            if (rc >= 0)
            {
                return rc;
            }
            int errno = LibZmq.zmq_errno();
            if (errno != LibZmq.EINTR)
            {
                ThrowHelper.ThrowErrno(errno, "zmq_poll");
            }
            if (remaining > 0)
            {
                remaining = Math.Max(0, remaining - (Environment.TickCount64 - started));
                started = Environment.TickCount64;
            }
        }
    }

    /// <summary>Frees the native draft poller, if one was built; the poller may be used again afterwards.</summary>
    public void Dispose() => DiscardDraftSet();

    private void DiscardDraftSet()
    {
        _draftSet?.Dispose();
        _draftSet = null;
    }

    private unsafe int PollOnce(long timeoutMs)
    {
        // Enter every socket for the call: zmq_poll takes raw pointers and reads ZMQ_EVENTS on each
        // socket while it waits, so a classic socket's gate is held until it returns (a socket closed
        // under it would be a use-after-free; a reactor check during it, two native calls at once).
        // A disposed socket fails here, before the call; a socket listed twice is entered once.
        int entered = 0;
        try
        {
            for (; entered < _count; entered++)
            {
                ZmqSocket? socket = _sockets[entered];
                if (socket is null)
                {
                    continue;
                }
                if (socket.IsDisposed)
                {
                    throw new ObjectDisposedException(socket.GetType().FullName, $"Poll item {entered} is a disposed socket.");
                }
                int first = Array.IndexOf(_sockets, socket, 0, entered);
                nint raw = first >= 0
                    ? (OperatingSystem.IsWindows() ? _windowsItems[first].socket : _items[first].socket)
                    : socket.AddNativeReference("A poll item", "zmq_poll (ZmqPoller.Poll)"); // disposed meanwhile: throws too
                if (OperatingSystem.IsWindows())
                {
                    _windowsItems[entered].socket = raw;
                }
                else
                {
                    _items[entered].socket = raw;
                }
            }
            if (_threadSafeItems > 0)
            {
                return WaitOnDraftSet(timeoutMs);
            }
            if (OperatingSystem.IsWindows())
            {
                return _removedCount == 0 ? PollWindows(_windowsItems, _count, timeoutMs) : PollWindowsLiveItems(timeoutMs);
            }
            fixed (zmq_pollitem_t* items = _items)
            {
                return LibZmq.zmq_poll(items, _count, new CLong((nint)timeoutMs));
            }
        }
        finally
        {
            // The releases read ZMQ_EVENTS for the sockets' parked async waiters: whatever edge the
            // poll consumed reaches them now.
            for (int i = 0; i < entered; i++)
            {
                ZmqSocket? socket = _sockets[i];
                if (socket is not null && Array.IndexOf(_sockets, socket, 0, i) < 0)
                {
                    socket.ReleaseNativeReference();
                }
            }
        }
    }

    private static unsafe int PollWindows(zmq_pollitem_windows_t[] items, int count, long timeoutMs)
    {
        fixed (zmq_pollitem_windows_t* first = items)
        {
            return LibZmq.zmq_poll_windows(first, count, new CLong((nint)timeoutMs));
        }
    }

    /// <summary>
    /// Windows with removed items: poll(2) skips the removed items' negative descriptor, but libzmq
    /// polls with WSAPoll there, which reports INVALID_SOCKET as POLLNVAL at once, so a removed
    /// item would count as ready and no poll would ever wait. The live items are copied into a
    /// second array (kept as large as the first: no allocation per poll) and their results back.
    /// </summary>
    private int PollWindowsLiveItems(long timeoutMs)
    {
        int live = 0;
        for (int i = 0; i < _count; i++)
        {
            if (!_removed[i])
            {
                _windowsLive[live++] = _windowsItems[i];
            }
        }
        int rc = PollWindows(_windowsLive, live, timeoutMs);
        live = 0;
        for (int i = 0; i < _count; i++)
        {
            if (!_removed[i])
            {
                _windowsItems[i].revents = _windowsLive[live++].revents;
            }
        }
        return rc;
    }

    /// <summary>
    /// The draft path: (re)builds the native poller if needed, waits, and writes each ready item's
    /// events where <see cref="GetEvents"/> reads them. The sockets are referenced by the caller.
    /// </summary>
    private unsafe int WaitOnDraftSet(long timeoutMs)
    {
        if (_draftSet is null)
        {
            if (_rawSockets.Length < _count)
            {
                _rawSockets = new nint[_items.Length];
                _ready = new zmq_poller_event_t[_items.Length];
            }
            Span<nint> descriptors = _count <= 64 ? stackalloc nint[_count] : new nint[_count];
            Span<short> events = _count <= 64 ? stackalloc short[_count] : new short[_count];
            for (int i = 0; i < _count; i++)
            {
                _rawSockets[i] = OperatingSystem.IsWindows() ? _windowsItems[i].socket : _items[i].socket;
                descriptors[i] = OperatingSystem.IsWindows() ? _windowsItems[i].fd : _items[i].fd;
                events[i] = _items[i].events;
            }
            _draftSet = DraftPollSet.Build(_sockets.AsSpan(0, _count), _rawSockets.AsSpan(0, _count), descriptors, events, _removed.AsSpan(0, _count));
        }
        for (int i = 0; i < _count; i++)
        {
            _items[i].revents = 0;
            _windowsItems[i].revents = 0;
        }
        int ready;
        fixed (zmq_poller_event_t* events = _ready)
        {
            ready = _draftSet.Wait(events, _count, timeoutMs);
        }
        for (int i = 0; i < ready; i++)
        {
            int index = (int)_ready[i].user_data;
            _items[index].revents = _ready[i].events;
            _windowsItems[index].revents = _ready[i].events;
        }
        return ready;
    }

    /// <summary>
    /// Puts <paramref name="socket"/> in place of the item at <paramref name="index"/> (a removed one
    /// included), which keeps its index: what a Lazy Pirate client does when it replaces its socket.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No item has that index.</exception>
    /// <exception cref="ArgumentException"><paramref name="events"/> is <see cref="ZmqPollEvents.None"/>.</exception>
    public void Replace(int index, ZmqSocket socket, ZmqPollEvents events)
    {
        ArgumentNullException.ThrowIfNull(socket);
        CheckIndex(index);
        RequireEvents(events);
        if (_removed[index])
        {
            _removed[index] = false;
            _removedCount--;
        }
        SetItem(index, socket, 0, events);
    }

    /// <summary>
    /// Removes the item at <paramref name="index"/>. The other items keep their indexes; the next
    /// <c>Add</c> reuses the lowest removed index (it returns it), and until then the removed item
    /// reports no events.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No item has that index, or it was removed already.</exception>
    public void Remove(int index)
    {
        CheckIndex(index);
        if (_removed[index])
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Poll item {index} was removed already.");
        }
        _removed[index] = true;
        _removedCount++;
        CountThreadSafe(_sockets[index], -1);
        _sockets[index] = null;
        // A negative descriptor with no events: zmq_poll skips it (poll(2) ignores negative descriptors;
        // on Windows PollWindowsLiveItems leaves it out).
        _items[index] = new zmq_pollitem_t { fd = -1 };
        _windowsItems[index] = new zmq_pollitem_windows_t { fd = -1 };
        DiscardDraftSet();
    }

    private void CountThreadSafe(ZmqSocket? socket, int delta)
    {
        if (socket is { ThreadSafe: true })
        {
            _threadSafeItems += delta;
        }
    }

    private void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
    }

    private static void RequireEvents(ZmqPollEvents events)
    {
        if (events == ZmqPollEvents.None)
        {
            throw new ArgumentException("Poll for at least one event (In, Out, Error or Priority).", nameof(events));
        }
    }

    private int AddItem(ZmqSocket? socket, nint fileDescriptor, ZmqPollEvents events)
    {
        RequireEvents(events);
        int index = _removedCount > 0 ? Array.IndexOf(_removed, true, 0, _count) : _count;
        if (index == _count)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
                Array.Resize(ref _windowsItems, _count * 2);
                Array.Resize(ref _windowsLive, _count * 2);
                Array.Resize(ref _sockets, _count * 2);
                Array.Resize(ref _removed, _count * 2);
            }
            _count++;
        }
        else
        {
            _removed[index] = false;
            _removedCount--;
        }
        SetItem(index, socket, fileDescriptor, events);
        return index;
    }

    private void SetItem(int index, ZmqSocket? socket, nint fileDescriptor, ZmqPollEvents events)
    {
        CountThreadSafe(_sockets[index], -1);
        CountThreadSafe(socket, +1);
        _sockets[index] = socket;
        DiscardDraftSet(); // the native poller, if any, is rebuilt with the new item at the next poll
        _items[index] = new zmq_pollitem_t { fd = (int)fileDescriptor, events = (short)events };
        _windowsItems[index] = new zmq_pollitem_windows_t { fd = fileDescriptor, events = (short)events };
    }
}
