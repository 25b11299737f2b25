using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// The one thread that serves every asynchronous operation of the process. It polls the ZMQ_FD
/// of each socket with a parked operation, plus a loopback UDP socket used to wake it, and only
/// completes waiters: it never calls into a ZeroMQ socket, so socket thread-affinity holds.
/// Continuations run on the thread pool.
/// </summary>
internal sealed class ZmqReactor
{
    private static readonly Lazy<ZmqReactor> s_instance = new(() => new ZmqReactor());
    private readonly Lock _gate = new();
    private readonly List<AsyncWaiter> _waiters = [];
    private readonly Socket _wake;
    private readonly EndPoint _wakeAddress;
    private readonly byte[] _wakeBuffer = new byte[64];
    private int _wakePending;

    private ZmqReactor()
    {
        _wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wake.Blocking = false;
        _wakeAddress = _wake.LocalEndPoint!;
        new Thread(Run) { IsBackground = true, Name = "zmq-reactor" }.Start();
    }

    public static ZmqReactor Instance => s_instance.Value;

    /// <summary>How many waiters are parked now (for tests and diagnostics).</summary>
    public int ParkedCount
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Parks <paramref name="waiter"/> until its descriptor becomes readable.</summary>
    public void Add(AsyncWaiter waiter)
    {
        lock (_gate)
        {
            _waiters.Add(waiter);
        }
        Wake();
    }

    /// <summary>Unparks <paramref name="waiter"/> (cancelled or disposed).</summary>
    public void Remove(AsyncWaiter waiter)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
        }
        Wake();
    }

    private void Wake()
    {
        // One datagram in flight is enough to make the reactor rebuild its poll set.
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.SendTo(_wakeBuffer.AsSpan(0, 1), SocketFlags.None, _wakeAddress);
        }
    }

    private unsafe void Run()
    {
        var items = new zmq_pollitem_t[16];
        var windowsItems = new zmq_pollitem_windows_t[16];
        var polled = new List<AsyncWaiter>();
        nint wakeFd = _wake.Handle;
        while (true)
        {
            Volatile.Write(ref _wakePending, 0);
            while (_wake.Available > 0)
            {
                _wake.Receive(_wakeBuffer);
            }
            polled.Clear();
            lock (_gate)
            {
                polled.AddRange(_waiters);
            }
            int count = polled.Count + 1;
            if (items.Length < count)
            {
                Array.Resize(ref items, count * 2);
                Array.Resize(ref windowsItems, count * 2);
            }
            items[0] = new zmq_pollitem_t { fd = (int)wakeFd, events = LibZmq.ZMQ_POLLIN };
            windowsItems[0] = new zmq_pollitem_windows_t { fd = wakeFd, events = LibZmq.ZMQ_POLLIN };
            for (int i = 0; i < polled.Count; i++)
            {
                items[i + 1] = new zmq_pollitem_t { fd = (int)polled[i].FileDescriptor, events = LibZmq.ZMQ_POLLIN };
                windowsItems[i + 1] = new zmq_pollitem_windows_t { fd = polled[i].FileDescriptor, events = LibZmq.ZMQ_POLLIN };
            }
            int rc;
            if (OperatingSystem.IsWindows())
            {
                fixed (zmq_pollitem_windows_t* p = windowsItems)
                {
                    rc = LibZmq.zmq_poll_windows(p, count, new CLong(-1));
                }
            }
            else
            {
                fixed (zmq_pollitem_t* p = items)
                {
                    rc = LibZmq.zmq_poll(p, count, new CLong(-1));
                }
            }
            if (rc <= 0)
            {
                continue; // EINTR or a spurious wake: rebuild and poll again.
            }
            for (int i = 0; i < polled.Count; i++)
            {
                short revents = OperatingSystem.IsWindows() ? windowsItems[i + 1].revents : items[i + 1].revents;
                if (revents != 0)
                {
                    lock (_gate)
                    {
                        _waiters.Remove(polled[i]);
                    }
                    polled[i].TrySignal();
                }
            }
        }
    }
}
