using System.Diagnostics;

namespace Zmq;

// The per-socket traffic counters behind the Zmq meter's message and byte instruments, and the
// registry the observable instruments read them from.
//
// Why plain fields, no Interlocked. Every send and receive of an ordinary (non-thread-safe) socket
// runs while its caller holds the socket's gate (Async/SocketAsyncContext.cs): the synchronous calls, the
// async engine's attempts and the multipart helpers all reach the four *Core methods only with the
// gate held, and the gate's compare-and-swap enter/leave are full fences. So at any moment at most
// one thread writes a socket's counters, and each write happens-after the previous one: a plain
// `+=` loses nothing. The collector (an observable instrument's callback, on whatever thread the
// listener collects on) reads without the gate; a 64-bit aligned load/store is atomic on x64 and
// arm64 (the only 64-bit targets .NET 10 runs on), so it sees a recent value, never a torn one. A
// reading that lags by a few messages is what every observable counter tolerates.
//
// The draft thread-safe types (CLIENT, SERVER, RADIO, DISH...) have no gate: libzmq lets several
// threads send at once, so two `+=` could lose an update. Those sockets count with Interlocked
// (CountFrame's Interlocked branch, ZmqSocket.Telemetry.cs), a few nanoseconds on types whose own libzmq mutex costs far more.
//
// Dispose. A socket's counters must survive it (a cumulative counter may never go down). The
// block is retired in OwnedSocketHandle.BeforeClose, i.e. just before zmq_close, when the handle's
// reference count says no call is in flight and none can start: its final totals move, under the
// registry lock, into a per-(type, name) retired total, and the block leaves the live list. The
// registry holds the blocks, never the sockets, so a socket nobody disposed is still collected:
// its handle's finalizer runs BeforeClose, which retires it the same way.
//
// Collection sums live blocks and retired totals per (type, name), so a callback never reports two
// measurements with the same tags (OpenTelemetry's rule for asynchronous instruments) and the
// sum only grows: retiring moves a count from one addend to the other under the same lock.
internal sealed class SocketMeters
{
    private static readonly Lock s_lock = new();
    private static readonly List<SocketMeters> s_live = [];
    private static readonly Dictionary<(ZmqSocketType Type, string? Name), long[]> s_retired = [];

    // Traffic: written only by the thread holding the socket's gate (or by Interlocked on thread-safe types).
    public long SentMessages;
    public long SentBytes;
    public long ReceivedMessages;
    public long ReceivedBytes;

    // Connections: written only through CountConnection, under the registry lock, by the socket's
    // peer table, whose close-out runs after the block was retired (the socket's handle closed
    // first); the lock decides whether a count lands in the block or in its retired total.
    private long Accepted;
    private long Connected;
    private long Disconnected;
    private long ConnectRetries;
    private long HandshakeFailures;
    private long AuthenticationFailures;

    private readonly ZmqSocketType _type;
    private volatile string? _name;
    private int _index = -1; // position in s_live, under s_lock; -1 once retired
    private long[]? _retiredTotals; // where counts go once retired, under s_lock; null for a forgotten block

    private SocketMeters(ZmqSocketType type) => _type = type;

    /// <summary>The socket's name, the zeromq.socket.name tag; null leaves the tag out.</summary>
    public string? Name
    {
        get => _name;
        set => _name = value;
    }

    public ZmqSocketType Type => _type;

    /// <summary>A block for a new socket, already counted by the observable instruments.</summary>
    public static SocketMeters Register(ZmqSocketType type)
    {
        ZmqMetrics.EnsureCreated();
        var meters = new SocketMeters(type);
        lock (s_lock)
        {
            meters._index = s_live.Count;
            s_live.Add(meters);
        }
        return meters;
    }

    /// <summary>Moves the final totals into the retired table; idempotent.</summary>
    public void Retire()
    {
        lock (s_lock)
        {
            if (_index < 0)
            {
                return;
            }
            RemoveLive();
            var key = (_type, _name);
            if (!s_retired.TryGetValue(key, out long[]? totals))
            {
                s_retired[key] = totals = new long[(int)SocketCounter.Count];
            }
            for (int i = 0; i < totals.Length; i++)
            {
                totals[i] += Read((SocketCounter)i);
            }
            _retiredTotals = totals;
        }
    }

    /// <summary>Counts one connection event (Accepted..AuthenticationFailures): in the block while it is live,
    /// in its retired total after (a closed socket's monitor still reports what happened before its close).</summary>
    public void CountConnection(SocketCounter counter)
    {
        Debug.Assert(counter >= SocketCounter.Accepted, "traffic is counted on the hot path, not here");
        lock (s_lock)
        {
            if (_index >= 0)
            {
                ref long field = ref Field(counter);
                Volatile.Write(ref field, field + 1);
            }
            else if (_retiredTotals is not null)
            {
                _retiredTotals[(int)counter]++;
            }
        }
    }

    private ref long Field(SocketCounter counter)
    {
        switch (counter)
        {
            case SocketCounter.SentMessages: return ref SentMessages;
            case SocketCounter.SentBytes: return ref SentBytes;
            case SocketCounter.ReceivedMessages: return ref ReceivedMessages;
            case SocketCounter.ReceivedBytes: return ref ReceivedBytes;
            case SocketCounter.Accepted: return ref Accepted;
            case SocketCounter.Connected: return ref Connected;
            case SocketCounter.Disconnected: return ref Disconnected;
            case SocketCounter.ConnectRetries: return ref ConnectRetries;
            case SocketCounter.HandshakeFailures: return ref HandshakeFailures;
            case SocketCounter.AuthenticationFailures: return ref AuthenticationFailures;
            default: throw new ArgumentOutOfRangeException(nameof(counter));
        }
    }

    /// <summary>Leaves the registry without a retired total: for the binding's helper sockets.</summary>
    public void Forget()
    {
        lock (s_lock)
        {
            if (_index >= 0)
            {
                RemoveLive();
            }
        }
    }

    private void RemoveLive()
    {
        Debug.Assert(_index >= 0 && ReferenceEquals(s_live[_index], this), "a live block's index points at itself");
        // Swap-remove keeps retiring O(1) with thousands of sockets.
        SocketMeters last = s_live[^1];
        s_live[_index] = last;
        last._index = _index;
        s_live.RemoveAt(s_live.Count - 1);
        _index = -1;
    }

    /// <summary>One counter, read without the writer's exclusion (atomic on 64-bit targets).</summary>
    public long Read(SocketCounter counter) => Volatile.Read(ref Field(counter));

    /// <summary>Live plus retired totals of one counter per (type, name): one entry per tag set.</summary>
    public static Dictionary<(ZmqSocketType Type, string? Name), long> Collect(SocketCounter counter)
    {
        lock (s_lock)
        {
            var sums = new Dictionary<(ZmqSocketType, string?), long>(s_retired.Count + s_live.Count);
            foreach (var (key, totals) in s_retired)
            {
                sums[key] = totals[(int)counter];
            }
            foreach (SocketMeters meters in s_live)
            {
                var key = (meters._type, meters._name);
                sums.TryGetValue(key, out long sum);
                sums[key] = sum + meters.Read(counter);
            }
            return sums;
        }
    }

    /// <summary>Whether the block is still in the live list (for tests of the registry).</summary>
    public bool IsLive
    {
        get
        {
            lock (s_lock)
            {
                return _index >= 0;
            }
        }
    }

    /// <summary>How many blocks are live (for tests of the registry).</summary>
    public static int LiveCount
    {
        get
        {
            lock (s_lock)
            {
                return s_live.Count;
            }
        }
    }
}
