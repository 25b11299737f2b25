using System.Diagnostics;

namespace Zmq;

/// <summary>
/// The one thread that serves every asynchronous operation of the process. Each socket's ZMQ_FD is
/// registered once (at its first park) and unregistered when the socket is disposed, and watched
/// one-shot (<see cref="Rearm"/>); when one fires, the reactor asks that socket for a readiness
/// check (<see cref="SocketAsyncContext.RequestReadinessCheck"/>), which reads ZMQ_EVENTS under the
/// socket's gate, completes the waiters that are ready and watches the descriptor again if any is
/// still parked. The
/// continuations run on the thread pool, or here, after every gate is released, in the opt-in
/// inline mode (Async/InlineCompletions.cs).
/// </summary>
/// <remarks>
/// Registrations live in slots; the backend knows a registration by a token of slot and generation,
/// so an event that was already fetched for a socket unregistered meanwhile (or for a slot reused
/// since) finds a different token and is dropped. An unexpected exception in the loop fails every
/// parked waiter with it and is reported through <see cref="Trace"/>; the loop goes on.
/// </remarks>
internal sealed class ZmqReactor
{
    /// <summary>Environment variable that picks the backend: <c>epoll</c> (Linux default) or <c>poll</c> (portable).</summary>
    public const string BackendVariable = "ZMQ_ASYNC_BACKEND";

    private static readonly Lazy<ZmqReactor> s_instance = new(() => new ZmqReactor());
    private readonly ReactorBackend _backend;
    private readonly Lock _slotsGate = new();
    private SocketReadiness?[] _slots = new SocketReadiness?[64];
    private int[] _generations = new int[64];
    private readonly Stack<int> _freeSlots = new();
    private readonly Lock _timersGate = new();
    private readonly List<SocketReadiness> _timers = [];
    private readonly List<SocketReadiness> _due = [];
    private long _sleepingUntil = long.MinValue; // the deadline the loop's wait ends at (MinValue: not waiting)
    private int _usedSlots;
    private int _registered;
    private int _faults;

    private ZmqReactor()
    {
        _backend = ReactorBackend.Create(Environment.GetEnvironmentVariable(BackendVariable));
        // UnsafeStart: the loop must not capture (and keep alive) the first caller's ExecutionContext.
        new Thread(Run) { IsBackground = true, Name = "zmq-reactor" }.UnsafeStart();
    }

    public static ZmqReactor Instance => s_instance.Value;

    /// <summary>How many waiters are parked in the process now (tests and diagnostics).</summary>
    public int ParkedCount => AsyncWaiter.ParkedInProcess;

    /// <summary>How many sockets are registered now.</summary>
    public int RegisteredCount => Volatile.Read(ref _registered);

    /// <summary>How many times the loop failed and failed the waiters (tests and diagnostics).</summary>
    public int FaultCount => Volatile.Read(ref _faults);

    /// <summary>The backend in use: "epoll" or "poll".</summary>
    public string BackendName => _backend.Name;

    /// <summary>Test hook: run on the reactor thread after every wait; an exception it throws is a loop fault.</summary>
    internal static Action? AfterWait { get; set; }

    public void Register(SocketReadiness readiness)
    {
        lock (_slotsGate)
        {
            int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _usedSlots++;
            if (slot == _slots.Length)
            {
                Array.Resize(ref _generations, slot * 2);
                SocketReadiness?[] grown = new SocketReadiness?[slot * 2];
                Array.Copy(_slots, grown, slot);
                Volatile.Write(ref _slots, grown);
            }
            int generation = ++_generations[slot];
            readiness.Token = ((long)generation << 32) | (uint)slot;
            // Published before the backend watches the descriptor, so that its first event (epoll
            // reports a readable descriptor once, at once) finds the slot; taken back if the backend
            // refuses, so a failed epoll_ctl leaves no slot pinning the socket.
            Volatile.Write(ref _slots[slot], readiness);
            try
            {
                if (AddFault?.Invoke(readiness) is { } fault)
                {
                    throw fault;
                }
                _backend.Add(readiness);
            }
            catch
            {
                Volatile.Write(ref _slots[slot], null);
                readiness.Token = 0;
                _freeSlots.Push(slot);
                throw;
            }
            _registered++;
        }
    }

    /// <summary>Test hook: asked before the backend adds a descriptor; an exception it returns stands for the backend's failure.</summary>
    internal static Func<SocketReadiness, Exception?>? AddFault { get; set; }

    public void Unregister(SocketReadiness readiness)
    {
        lock (_slotsGate)
        {
            // The backend forgets the descriptor first; an event already fetched for it then finds
            // no matching token.
            _backend.Remove(readiness);
            CancelRecheck(readiness);
            int slot = (int)(readiness.Token & uint.MaxValue);
            Volatile.Write(ref _slots[slot], null);
            readiness.Token = 0;
            _freeSlots.Push(slot);
            _registered--;
        }
    }

    /// <summary>
    /// A readiness check left waiters parked: watch the descriptor again if it fired since (both
    /// backends watch one-shot). Never throws: when the backend cannot, a re-check from the timer
    /// stands in for the edge, and its readiness check tries again.
    /// </summary>
    public void Rearm(SocketReadiness readiness)
    {
        if (!_backend.Rearm(readiness))
        {
            ScheduleRecheck(readiness);
        }
    }

    /// <summary>
    /// Called by the backend, on the reactor thread, for each descriptor that fired;
    /// <paramref name="disarmed"/>: the backend stopped watching it and <see cref="SocketReadiness.Armed"/>
    /// is to be cleared before the readiness check this event causes, which re-arms it if waiters
    /// are parked then.
    /// </summary>
    internal void Dispatch(long token, bool disarmed)
    {
        int slot = (int)(token & uint.MaxValue);
        SocketReadiness?[] slots = Volatile.Read(ref _slots);
        if (slot < slots.Length && Volatile.Read(ref slots[slot]) is { } readiness && readiness.Token == token)
        {
            if (disarmed)
            {
                // A full fence: a parker whose re-arm saw Armed still 1 was counted before it, so the
                // check below finds it parked (SocketAsyncContext.RequestReadinessCheck).
                Interlocked.Exchange(ref readiness.Armed, 0);
            }
            Heard(readiness);
        }
    }

    /// <summary>An edge, or an expired back-off re-check: counted first, then checked (ReadinessEdges.cs).</summary>
    private static void Heard(SocketReadiness readiness)
    {
        readiness.Edges.Heard();
        readiness.Context.RequestReadinessCheck();
    }

    /// <summary>
    /// A waiter of <paramref name="readiness"/> parks deaf (refused under ready): re-check the socket
    /// after its back-off interval, as if its descriptor had fired, unless a re-check is already
    /// due. Never blocks; allocates only when the timer list grows.
    /// </summary>
    public void ScheduleRecheck(SocketReadiness readiness)
    {
        bool wake;
        lock (_timersGate)
        {
            if (readiness.Edges.RecheckDue != 0)
            {
                return;
            }
            long due = Stopwatch.GetTimestamp() + (readiness.Edges.NextBackoffMs() * Stopwatch.Frequency / 1000);
            readiness.Edges.RecheckDue = due;
            _timers.Add(readiness);
            // Wake the loop only when it sleeps past the new deadline.
            wake = due < _sleepingUntil;
            if (wake)
            {
                _sleepingUntil = due;
            }
        }
        if (wake)
        {
            _backend.Wake();
        }
    }

    /// <summary>Drops <paramref name="readiness"/>'s pending re-check (its socket is unregistered).</summary>
    private void CancelRecheck(SocketReadiness readiness)
    {
        lock (_timersGate)
        {
            if (readiness.Edges.RecheckDue != 0)
            {
                readiness.Edges.RecheckDue = 0;
                _timers.Remove(readiness);
            }
        }
    }

    /// <summary>How long the loop may wait: until the first re-check is due, or for ever (-1).</summary>
    private int NextWaitMs()
    {
        lock (_timersGate)
        {
            long first = long.MaxValue;
            foreach (SocketReadiness readiness in _timers)
            {
                first = Math.Min(first, readiness.Edges.RecheckDue);
            }
            _sleepingUntil = first;
            if (first == long.MaxValue)
            {
                return -1;
            }
            long ticks = first - Stopwatch.GetTimestamp();
            // Rounded up, so the loop never wakes just before a deadline and goes round for nothing.
            return ticks <= 0 ? 0 : (int)Math.Min(int.MaxValue, ((ticks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
        }
    }

    /// <summary>Runs the re-checks that are due (on the reactor thread, after a wait).</summary>
    private void RunDueRechecks()
    {
        _due.Clear();
        lock (_timersGate)
        {
            long now = Stopwatch.GetTimestamp();
            for (int i = _timers.Count - 1; i >= 0; i--)
            {
                SocketReadiness readiness = _timers[i];
                if (readiness.Edges.RecheckDue <= now)
                {
                    readiness.Edges.RecheckDue = 0;
                    _timers.RemoveAt(i);
                    _due.Add(readiness);
                }
            }
            _sleepingUntil = long.MinValue; // running: a new deadline needs no wake until the next wait
        }
        foreach (SocketReadiness readiness in _due)
        {
            Heard(readiness);
        }
        _due.Clear();
    }

    /// <summary>The registrations now, for a backend that rebuilds its set (poll).</summary>
    internal void CollectRegistered(List<SocketReadiness> into)
    {
        SocketReadiness?[] slots = Volatile.Read(ref _slots);
        for (int slot = 0; slot < slots.Length; slot++)
        {
            if (Volatile.Read(ref slots[slot]) is { } readiness)
            {
                into.Add(readiness);
            }
        }
    }

    [ThreadStatic]
    private static bool t_isReactor;

    /// <summary>Whether the caller runs on the reactor thread.</summary>
    internal static bool OnReactorThread => t_isReactor;

    private void Run()
    {
        t_isReactor = true;
        if (InlineCompletions.Enabled)
        {
            InlineCompletions.AttachReactorThread();
        }
        while (true)
        {
            try
            {
                _backend.Wait(this, NextWaitMs());
                RunDueRechecks();
                AfterWait?.Invoke();
            }
#pragma warning disable CA1031 // The loop must survive anything: it fails the waiters instead of dying.
            catch (Exception error)
#pragma warning restore CA1031
            {
                FailEveryWaiter(error);
            }
            finally
            {
                // The inline mode's completions, now that every gate the dispatch took is released
                // (Async/InlineCompletions.cs); also after a fault, whose waiters left Parked already.
                InlineCompletions.RunDeferred();
            }
        }
    }

    private void FailEveryWaiter(Exception error)
    {
        Interlocked.Increment(ref _faults);
        Trace.TraceError($"Zmq async reactor: the wait loop failed; every parked operation fails with this error. {error}");
        ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "Reactor", "The async reactor's wait loop failed; every parked operation fails with this error.", error);
        var registered = new List<SocketReadiness>();
        CollectRegistered(registered);
        foreach (SocketReadiness readiness in registered)
        {
            // The fault may have cut a batch short: descriptors the kernel disarmed whose events
            // were never dispatched would keep Armed at 1, and no later park would watch them
            // again. Cleared, the next park re-arms them (a redundant re-arm is harmless).
            Interlocked.Exchange(ref readiness.Armed, 0);
            readiness.FailAll(error);
        }
        // A backend that fails at once again must not spin a core.
        Thread.Sleep(10);
    }
}
