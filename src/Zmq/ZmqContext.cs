using Zmq.Interop;

namespace Zmq;

/// <summary>
/// A libzmq context (<c>zmq_ctx_new(3)</c>): the I/O threads and the factory of sockets. Thread-safe:
/// create sockets and call <see cref="Shutdown"/> from any thread.
/// </summary>
/// <remarks>
/// <para><b>Lifetime.</b> Every socket keeps its context alive, so contexts and sockets may be disposed
/// in any order. <see cref="Dispose"/> shuts the context down (blocked calls on its sockets end with
/// <see cref="ZmqContextTerminatedException"/>) and terminates it (<c>zmq_ctx_term</c>) as soon as its
/// last socket is closed.</para>
/// <para><b>Linger policy.</b> Every socket starts with <c>ZMQ_LINGER</c> = <see cref="DefaultLinger"/>
/// (10 s unless changed), not libzmq's infinite default. So an orderly dispose still delivers
/// queued messages to a reachable peer (the context's disposal waits for them, up to the linger),
/// yet never hangs forever on an unreachable one. A socket that is only finalized, never disposed,
/// is closed with linger 0: the finalizer thread never waits (a socket whose asynchronous operation
/// ever waited is held by the async engine until disposed, and keeps its context alive meanwhile).</para>
/// </remarks>
/// <example>
/// One context per process, disposed last (or first: sockets keep it alive until they close):
/// <code>
/// using var context = new ZmqContext { DefaultLinger = TimeSpan.FromSeconds(1) };
/// using var publisher = context.CreateSocket(ZmqSocketType.Pub);
/// publisher.Bind("tcp://*:5556");
/// // From another thread, to release every blocked call with ZmqContextTerminatedException:
/// context.Shutdown();
/// </code>
/// </example>
public sealed class ZmqContext : IDisposable
{
    private readonly OwnedContextHandle _handle;
    private int _disposed;
    private TimeSpan _defaultLinger = TimeSpan.FromSeconds(10);

    /// <summary>Creates a context (<c>zmq_ctx_new(3)</c>).</summary>
    /// <exception cref="DllNotFoundException">libzmq could not be found; the message lists what was tried.</exception>
    /// <exception cref="NotSupportedException">The libzmq found is older than 4.3.</exception>
    /// <exception cref="ZmqException">libzmq could not create the context.</exception>
    public ZmqContext()
    {
        ZmqLibrary.EnsureLoaded();
        _handle = OwnedContextHandle.Create();
        if (_handle.IsInvalid)
        {
            ThrowHelper.ThrowLastError("zmq_ctx_new");
        }
    }

    /// <summary>The native handle, for the raw <see cref="LibZmq"/> layer.</summary>
    public ZmqContextHandle Handle => _handle;

    /// <summary>Raised (for tests and diagnostics) when <c>zmq_ctx_term</c> has returned.</summary>
    internal event Action? Terminated
    {
        add => _handle.Terminated += value;
        remove => _handle.Terminated -= value;
    }

    /// <summary>
    /// The linger (<c>ZMQ_LINGER</c>) given to each new socket: how long closing may wait to send
    /// queued messages. <see cref="Timeout.InfiniteTimeSpan"/> restores libzmq's wait-forever default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative (other than infinite) or over int.MaxValue ms.</exception>
    public TimeSpan DefaultLinger
    {
        get => _defaultLinger;
        set
        {
            OptionRange.ToMilliseconds(value, nameof(DefaultLinger), allowInfinite: true);
            _defaultLinger = value;
        }
    }

    /// <summary>ZMQ_IO_THREADS: the number of I/O threads (default 1). Set before the first socket.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 0.</exception>
    public int IoThreads
    {
        get => Get(LibZmq.ZMQ_IO_THREADS, nameof(IoThreads));
        set => Set(LibZmq.ZMQ_IO_THREADS, OptionRange.AtLeast(value, 0, nameof(IoThreads)), nameof(IoThreads));
    }

    /// <summary>ZMQ_MAX_SOCKETS: the most sockets the context may have open (default 1023).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int MaxSockets
    {
        get => Get(LibZmq.ZMQ_MAX_SOCKETS, nameof(MaxSockets));
        set => Set(LibZmq.ZMQ_MAX_SOCKETS, OptionRange.AtLeast(value, 1, nameof(MaxSockets)), nameof(MaxSockets));
    }

    /// <summary>ZMQ_SOCKET_LIMIT: the largest value <see cref="MaxSockets"/> accepts on this system.</summary>
    public int SocketLimit => Get(LibZmq.ZMQ_SOCKET_LIMIT, nameof(SocketLimit));

    /// <summary>ZMQ_IPV6: whether new sockets use IPv6 (default false).</summary>
    public bool IPv6
    {
        get => Get(LibZmq.ZMQ_IPV6, nameof(IPv6)) != 0;
        set => Set(LibZmq.ZMQ_IPV6, value ? 1 : 0, nameof(IPv6));
    }

    /// <summary>
    /// ZMQ_BLOCKY: whether <c>zmq_ctx_term</c> waits for lingering sockets (libzmq default true).
    /// The binding's <see cref="DefaultLinger"/> already bounds the wait; false gives sockets created
    /// afterwards linger 0 instead of <see cref="DefaultLinger"/>.
    /// </summary>
    public bool Blocky
    {
        get => Get(LibZmq.ZMQ_BLOCKY, nameof(Blocky)) != 0;
        set => Set(LibZmq.ZMQ_BLOCKY, value ? 1 : 0, nameof(Blocky));
    }

    /// <summary>ZMQ_MAX_MSGSZ: the largest message size the context allows (default int.MaxValue).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int MaxMessageSize
    {
        get => Get(LibZmq.ZMQ_MAX_MSGSZ, nameof(MaxMessageSize));
        set => Set(LibZmq.ZMQ_MAX_MSGSZ, OptionRange.AtLeast(value, 0, nameof(MaxMessageSize)), nameof(MaxMessageSize));
    }

    /// <summary>ZMQ_MSG_T_SIZE: the size of <c>zmq_msg_t</c> in this libzmq (64).</summary>
    public int MessageStructSize => Get(LibZmq.ZMQ_MSG_T_SIZE, nameof(MessageStructSize));

    /// <summary>ZMQ_THREAD_PRIORITY: the OS scheduling priority of the I/O threads (write-only in libzmq).</summary>
    public void SetThreadPriority(int priority) => Set(LibZmq.ZMQ_THREAD_PRIORITY, priority, "ThreadPriority");

    /// <summary>ZMQ_THREAD_SCHED_POLICY: the OS scheduling policy of the I/O threads.</summary>
    public void SetThreadSchedulingPolicy(int policy) => Set(LibZmq.ZMQ_THREAD_SCHED_POLICY, policy, "ThreadSchedulingPolicy");

    /// <summary>ZMQ_THREAD_AFFINITY_CPU_ADD: lets the I/O threads run on a CPU.</summary>
    public void AddThreadAffinityCpu(int cpu) =>
        Set(LibZmq.ZMQ_THREAD_AFFINITY_CPU_ADD, OptionRange.AtLeast(cpu, 0, nameof(cpu)), "ThreadAffinityCpuAdd");

    /// <summary>ZMQ_THREAD_AFFINITY_CPU_REMOVE: stops the I/O threads from running on a CPU.</summary>
    public void RemoveThreadAffinityCpu(int cpu) =>
        Set(LibZmq.ZMQ_THREAD_AFFINITY_CPU_REMOVE, OptionRange.AtLeast(cpu, 0, nameof(cpu)), "ThreadAffinityCpuRemove");

    /// <summary>ZMQ_THREAD_NAME_PREFIX: a number prefixed to the I/O threads' names.</summary>
    public void SetThreadNamePrefix(int prefix) => Set(LibZmq.ZMQ_THREAD_NAME_PREFIX, prefix, "ThreadNamePrefix");

    /// <summary>
    /// ZMQ_ZERO_COPY_RECV (draft): whether messages received over tcp point into the I/O engine's
    /// buffer instead of being copied out of it (libzmq default true; false trades a copy for less
    /// memory held by small messages that outlive their batch).
    /// </summary>
    /// <exception cref="NotSupportedException">The loaded libzmq has no draft API.</exception>
    public bool ZeroCopyReceive
    {
        get => Get(RequireDraft(LibZmq.Draft.ZMQ_ZERO_COPY_RECV, nameof(ZeroCopyReceive)), nameof(ZeroCopyReceive)) != 0;
        set => Set(RequireDraft(LibZmq.Draft.ZMQ_ZERO_COPY_RECV, nameof(ZeroCopyReceive)), value ? 1 : 0, nameof(ZeroCopyReceive));
    }

    /// <summary>Reads a context option by number (<c>zmq_ctx_get(3)</c>), for options not named here.</summary>
    /// <returns>The option's value.</returns>
    /// <exception cref="ZmqException">libzmq rejects the option (EINVAL), or the option reads -1, which
    /// <c>zmq_ctx_get</c> cannot tell apart from failure.</exception>
    public int GetOption(int option) => Get(option, $"#{option}");

    /// <summary>Sets a context option by number (<c>zmq_ctx_set(3)</c>), for options not named here.</summary>
    /// <exception cref="ZmqException">libzmq rejects the option or value (EINVAL).</exception>
    public void SetOption(int option, int value) => Set(option, value, $"#{option}");

    /// <summary>Creates a socket of the given type (<c>zmq_socket(3)</c>) with <see cref="DefaultLinger"/>.</summary>
    /// <returns>The new socket; dispose it before or after the context, in any order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined socket type.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    /// <exception cref="ZmqContextTerminatedException">The context was shut down.</exception>
    /// <exception cref="ZmqException">Too many sockets (EMFILE) or another libzmq failure.</exception>
    public ZmqSocket CreateSocket(ZmqSocketType type)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), $"Socket type {(int)type} is not one of libzmq 4.3's socket types.");
        }
        ThrowIfDisposed();
        return new ZmqSocket(this, type);
    }

    /// <summary>
    /// Shuts the context down (<c>zmq_ctx_shutdown(3)</c>): every blocked and later call on its sockets
    /// throws <see cref="ZmqContextTerminatedException"/>, and no socket can be created. This is how to
    /// release threads blocked in send or receive; the sockets must still be disposed. Idempotent.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
    public void Shutdown()
    {
        ThrowIfDisposed();
        ShutdownCore();
    }

    /// <summary>
    /// Shuts the context down and terminates it (<c>zmq_ctx_term(3)</c>) once its last socket is
    /// closed. When every socket was disposed, this waits for them to finish lingering (at most
    /// their linger), also for one a call on another thread was still using when it was disposed
    /// (the shutdown ends a blocking call; a hold that does not end within a few seconds stops that
    /// wait). With a socket still open, it returns at once and the termination follows the socket's
    /// close (on a background thread, unless this thread closes it). Idempotent; a second call does
    /// not wait.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        ShutdownCore();
        // Every socket disposed: let the binding's own last holds end, so that this release is the
        // last and zmq_ctx_term waits for the lingers here (SocketCensus.cs has the argument).
        if (Census.Owned == 0)
        {
            Census.WaitForNativeCloses(SocketCensus.TransientHoldLimit);
        }
        _handle.MarkOrderlyTermination();
        _handle.Dispose();
    }

    /// <summary>The sockets of this context still owned, and still open natively (SocketCensus.cs).</summary>
    internal SocketCensus Census { get; } = new();

    /// <summary>
    /// A socket for the binding's own helpers (monitor reader, ZAP handler, proxy controller): linger
    /// 0 so it never delays termination, the receive timeout given (a loop that looks at a stop
    /// flag between receives; zero for a socket that is polled, or only drained), then bound or
    /// connected by <paramref name="attach"/>. Disposed again if that throws.
    /// </summary>
    internal ZmqSocket CreateHelperSocket(ZmqSocketType type, TimeSpan receiveTimeout, Action<ZmqSocket> attach)
    {
        ZmqSocket socket = CreateSocket(type);
        // The binding's own plumbing is not the user's traffic: keep it out of the meter.
        socket.Meters.Forget();
        try
        {
            socket.Linger = TimeSpan.Zero;
            socket.ReceiveTimeout = receiveTimeout;
            attach(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void ShutdownCore()
    {
        // zmq_ctx_shutdown is thread-safe and idempotent; ETERM here only means it already happened.
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            LibZmq.zmq_ctx_shutdown(_handle);
        }
        catch (ObjectDisposedException)
        {
            // Released already: nothing left to shut down.
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            ThrowHelper.ThrowDisposed(this);
        }
    }

    private static int RequireDraft(int option, string name) =>
        ZmqLibrary.Has("draft")
            ? option
            : throw new NotSupportedException(
                $"The context option {name} is part of libzmq's draft API, which the loaded libzmq ({ZmqLibrary.Path}) was built without.");

    private int Get(int option, string name)
    {
        ThrowIfDisposed();
        // zmq_ctx_get(3) reports failure as -1; no context option legitimately reads -1.
        int value = LibZmq.zmq_ctx_get(_handle, option);
        if (value == -1)
        {
            ThrowHelper.ThrowLastError("zmq_ctx_get", option: name);
        }
        return value;
    }

    private void Set(int option, int value, string name)
    {
        ThrowIfDisposed();
        if (LibZmq.zmq_ctx_set(_handle, option, value) != 0)
        {
            ThrowHelper.ThrowLastError("zmq_ctx_set", option: name, value: value);
        }
    }
}
