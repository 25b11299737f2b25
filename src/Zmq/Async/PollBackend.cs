using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// The portable backend: <c>zmq_poll</c> over the descriptors of sockets with parked waiters, plus a
/// loopback datagram socket that wakes it. zmq_poll is level-triggered, so a descriptor is watched
/// one-shot: it leaves the set when it fires and comes back (<see cref="Rearm"/>) when a readiness
/// check leaves waiters parked; otherwise a readable descriptor nobody drains would spin the loop.
/// The set is rebuilt when it changes: O(n) per change, like zmq_poll itself.
/// </summary>
/// <remarks>
/// Wake-ups are never lost: a waker sends a datagram only when no wake is pending, and the loop
/// clears "pending" after draining the datagrams and before rebuilding the set, so a change that
/// saw "pending" set is picked up by that rebuild, and one that came later sends its own datagram.
/// </remarks>
internal sealed unsafe class PollBackend : ReactorBackend
{
    private readonly Socket _wake;
    private readonly nint _wakeDescriptor;
    private readonly byte[] _drain = new byte[64];
    private readonly List<SocketReadiness> _registered = [];
    private readonly List<SocketReadiness> _polled = [];
    private zmq_pollitem_t[] _items = new zmq_pollitem_t[16];
    private zmq_pollitem_windows_t[] _windowsItems = new zmq_pollitem_windows_t[16];
    private int _wakePending;
    private readonly Timer _wakeRetry;
    private int _wakeRetryMs; // only the thread that set _wakePending (or the retry timer after it) touches it

    public PollBackend()
    {
        // Made now, not when a wake fails: the failure path allocates nothing.
        _wakeRetry = new Timer(static state => ((PollBackend)state!).SendWake(), this, Timeout.Infinite, Timeout.Infinite);
        _wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wake.Connect(_wake.LocalEndPoint!); // connected to itself: Send(span) allocates nothing
        _wake.Blocking = false;
        _wakeDescriptor = _wake.Handle;
    }

    public override string Name => "poll";

    public override void Add(SocketReadiness readiness)
    {
    }

    public override void Remove(SocketReadiness readiness)
    {
        Volatile.Write(ref readiness.Armed, 0);
        Wake();
    }

    public override bool Rearm(SocketReadiness readiness)
    {
        if (Interlocked.Exchange(ref readiness.Armed, 1) == 0)
        {
            Wake(); // a failed wake retries from its own timer
        }
        return true;
    }

    /// <summary>Test hook: runs before each wake datagram is sent; an exception it throws stands for a failed send.</summary>
    internal static Action? WakeFault { get; set; }

    /// <remarks>
    /// Called while a gate is held (a release's readiness check re-arms the descriptor), so it must
    /// not throw: an exception there would leave the gate held for ever. A send that fails (say
    /// WSAENOBUFS) keeps the wake pending and is retried from a timer, 1 ms doubling to 100 ms,
    /// until it goes through; meanwhile no other wake is sent, and none is lost, since the loop
    /// rebuilds its set after the datagram that finally arrives.
    /// </remarks>
    public override void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wakeRetryMs = 0;
            SendWake();
        }
    }

    private void SendWake()
    {
        try
        {
            WakeFault?.Invoke();
            ReadOnlySpan<byte> one = [1];
            _wake.Send(one);
        }
#pragma warning disable CA1031 // A release path: whatever failed, the gate must still be let go.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _wakeRetryMs = Math.Clamp(_wakeRetryMs * 2, 1, 100);
            // The retry first: a trace listener that throws must not stop it.
            _wakeRetry.Change(_wakeRetryMs, Timeout.Infinite);
            try
            {
                System.Diagnostics.Trace.TraceWarning($"Zmq async reactor: the poll backend's wake-up failed; retrying in {_wakeRetryMs} ms. {error.Message}");
            }
#pragma warning disable CA1031 // The same release path: a listener's failure is not ours to raise here.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    public override void Wait(ZmqReactor reactor, int timeoutMs)
    {
        _registered.Clear();
        reactor.CollectRegistered(_registered);
        _polled.Clear();
        foreach (SocketReadiness readiness in _registered)
        {
            if (Volatile.Read(ref readiness.Armed) == 1)
            {
                _polled.Add(readiness);
            }
        }
        int count = _polled.Count + 1;
        if (_items.Length < count)
        {
            Array.Resize(ref _items, count * 2);
            Array.Resize(ref _windowsItems, count * 2);
        }
        bool windows = OperatingSystem.IsWindows();
        SetItem(0, _wakeDescriptor, windows);
        for (int i = 0; i < _polled.Count; i++)
        {
            SetItem(i + 1, _polled[i].Descriptor, windows);
        }
        int rc;
        if (windows)
        {
            fixed (zmq_pollitem_windows_t* items = _windowsItems)
            {
                rc = LibZmq.zmq_poll_windows(items, count, new CLong(timeoutMs));
            }
        }
        else
        {
            fixed (zmq_pollitem_t* items = _items)
            {
                rc = LibZmq.zmq_poll(items, count, new CLong(timeoutMs));
            }
        }
        if (rc <= 0)
        {
            return; // the timeout, EINTR, or a descriptor closed under us: rebuild and poll again
        }
        if (Fired(0, windows))
        {
            while (_wake.Available > 0)
            {
                _wake.Receive(_drain.AsSpan());
            }
            Volatile.Write(ref _wakePending, 0);
        }
        for (int i = 0; i < _polled.Count; i++)
        {
            if (Fired(i + 1, windows) && Interlocked.Exchange(ref _polled[i].Armed, 0) == 1)
            {
                reactor.Dispatch(_polled[i].Token, disarmed: false); // Armed cleared above
            }
        }
    }

    private void SetItem(int index, nint descriptor, bool windows)
    {
        if (windows)
        {
            _windowsItems[index] = new zmq_pollitem_windows_t { fd = descriptor, events = LibZmq.ZMQ_POLLIN };
        }
        else
        {
            _items[index] = new zmq_pollitem_t { fd = (int)descriptor, events = LibZmq.ZMQ_POLLIN };
        }
    }

    private bool Fired(int index, bool windows) => (windows ? _windowsItems[index].revents : _items[index].revents) != 0;
}
