using Zmq.Interop;

namespace Zmq;

/// <summary>
/// A libzmq socket (<c>zmq_socket(3)</c>), created by <see cref="ZmqContext.CreateSocket"/>.
/// </summary>
/// <remarks>
/// <para><b>Threads.</b> Like every libzmq socket, this one is not thread-safe: use it from one thread
/// at a time (hand it over with a memory barrier, such as a lock or a queue). A call from a second
/// thread while another thread is in a synchronous call on the socket is refused with
/// <see cref="InvalidOperationException"/>. The asynchronous methods may be used from any threads:
/// any number of receives and sends may be pending at once, and each direction runs them one at a
/// time in the order they were called (a <see cref="SendMultipartAsync"/> sends all its frames
/// before the next send starts); synchronous calls from other threads are serialized with them (a blocking synchronous call delays them until it returns). Only
/// <see cref="Dispose"/> may be called from another thread at any time; it never crashes a call in
/// flight, which keeps the native socket alive until it returns.</para>
/// <para>The draft API's thread-safe types (<see cref="IsThreadSafe"/>: CLIENT, SERVER, RADIO, DISH,
/// GATHER, SCATTER, PEER, CHANNEL) are the exception: libzmq locks them itself, so synchronous calls
/// from many threads run at once, and any number of asynchronous operations of each direction may
/// be pending.</para>
/// <para><b>Lifetime.</b> Dispose closes the socket with its <see cref="Linger"/> (the context's
/// <see cref="ZmqContext.DefaultLinger"/> unless set, or 0 when the context's <see cref="ZmqContext.Blocky"/>
/// is false): queued messages keep being sent in the background
/// for that long. A socket that is never disposed is closed by its finalizer with linger 0, unless an
/// asynchronous operation ever had to wait on it or its <see cref="Peers"/> table was read: the async
/// engine then holds it (as
/// <c>System.Net.Sockets.Socket</c>'s engine holds a socket with asynchronous operations) until
/// <see cref="Dispose"/>, so dispose every socket you use asynchronously.
/// Dispose does not interrupt a thread blocked in a call: <see cref="ZmqContext.Shutdown"/> does.</para>
/// </remarks>
/// <example>
/// A REQ client with a receive timeout, and the reply read into a stack buffer:
/// <code>
/// using var context = new ZmqContext();
/// using var client = context.CreateSocket(ZmqSocketType.Req);
/// client.ReceiveTimeout = TimeSpan.FromSeconds(5);
/// client.Connect("tcp://localhost:5555");
/// client.SendString("Are you OK?");
/// Span&lt;byte&gt; reply = stackalloc byte[256];
/// ZmqReceiveResult result = client.Receive(reply);   // ZmqException (TryAgain) after 5 s
/// Console.WriteLine(Encoding.UTF8.GetString(reply[..result.BytesWritten]));
/// </code>
/// </example>
public sealed partial class ZmqSocket : IDisposable
{
    private readonly OwnedSocketHandle _handle;
    private readonly nint _native; // the handle's pointer, for the hot calls made under the gate
    private readonly nint _descriptor;
    private readonly bool _threadSafe; // a draft type that libzmq locks itself: see Async/SocketAsyncContext.cs
    private int _disposed;
    private int _countedOwned; // 1 while the context's census counts this socket as owned (SocketCensus.cs)

    internal ZmqSocket(ZmqContext context, ZmqSocketType type)
    {
        if (type >= ZmqSocketType.Server && !ZmqLibrary.Has("draft"))
        {
            throw new NotSupportedException(
                $"ZmqSocketType.{type} is part of libzmq's draft API, which the loaded libzmq ({ZmqLibrary.Path}) was built "
                + "without (ZmqLibrary.Has(\"draft\") is false). The bundled runtime of the Zmq.Native package has it: "
                + "unset ZMQ_LIBRARY_PATH to load it.");
        }
        // Counted as owned before the native socket exists, so a context disposed meanwhile never
        // waits for it; uncounted again if the socket does not open.
        context.Census.OwnerOpened();
        _countedOwned = 1;
        Context = context;
        try
        {
            _handle = OwnedSocketHandle.Create(context.Handle, type);
            if (_handle.IsInvalid)
            {
                int errno = LibZmq.zmq_errno();
                ThrowHelper.ThrowErrno(errno, "zmq_socket", option: $"type {type}");
            }
            context.Census.NativeOpened();
            _handle.Census = context.Census; // counted closed when the handle releases, on any path
            _native = _handle.DangerousGetHandle();
            // libzmq says which types it locks itself (ZMQ_THREAD_SAFE): asked once, never listed here.
            _threadSafe = ReadThreadSafe(_native);
            _async = new SocketAsyncContext(this, _handle, _threadSafe, type);
            SocketType = type;
            // ZMQ_FD never changes; read now so the async engine never needs a native call to learn it.
            // Thread-safe sockets have none (libzmq refuses ZMQ_FD on them).
            _descriptor = _threadSafe ? -1 : FileDescriptor;
            // A context made non-blocky (ZMQ_BLOCKY = 0) already gave the socket linger 0, which is what
            // its owner asked for; otherwise the binding's bounded default replaces libzmq's forever.
            int linger = OptionRange.ToMilliseconds(context.DefaultLinger, nameof(ZmqContext.DefaultLinger), allowInfinite: true);
            if (linger != -1 && context.Blocky)
            {
                SetInt32(LibZmq.ZMQ_LINGER, linger, nameof(Linger));
            }
            // Last, so a constructor that throws leaves no block behind; the handle retires it just
            // before zmq_close, on every path (Dispose, finalizer): see Diagnostics/SocketMeters.cs.
            _meters = SocketMeters.Register(type);
            _handle.Meters = _meters;
        }
        catch
        {
            // Never handed out, so no owner will dispose it: closed now (linger 0), and uncounted.
            _handle?.Dispose();
            LeaveOwnedCount();
            throw;
        }
    }

    private static unsafe bool ReadThreadSafe(nint socket)
    {
        int value = 0;
        nuint size = sizeof(int);
        return LibZmq.zmq_getsockopt_raw(socket, LibZmq.ZMQ_THREAD_SAFE, &value, &size) == 0 && value != 0;
    }

    /// <summary>The context that created the socket.</summary>
    public ZmqContext Context { get; }

    /// <summary>The socket's type (<c>ZMQ_TYPE</c>).</summary>
    public ZmqSocketType SocketType { get; }

    /// <summary>
    /// The native socket for the raw <see cref="LibZmq"/> layer, in a handle that does not own it:
    /// disposing what this returns closes nothing (<see cref="Dispose"/> closes the socket).
    /// </summary>
    /// <remarks>
    /// Like <c>System.Net.Sockets.Socket.Handle</c>, it is valid only until the socket is disposed,
    /// and it keeps nothing alive: a raw call through it after <see cref="Dispose"/> reaches a freed
    /// socket. Raw calls also bypass this socket's thread checks and async engine: make them from the
    /// thread that uses the socket, never while asynchronous operations are pending on it. Each read
    /// returns a new handle.
    /// </remarks>
    public ZmqSocketHandle Handle
    {
        get
        {
            ThrowIfDisposed();
            return new BorrowedSocketHandle(_native);
        }
    }

    /// <summary>The handle with this binding's policy hooks (linger, the async engine's poller, poll sets).</summary>
    internal OwnedSocketHandle OwnedHandle => _handle;

    /// <summary><see cref="IsThreadSafe"/> as read once at creation: no native call.</summary>
    internal bool ThreadSafe => _threadSafe;

    /// <summary>ZMQ_FD, read once at creation (-1 for a thread-safe socket, which has none): the async engine's descriptor.</summary>
    internal nint Descriptor => _descriptor;

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Binds to an endpoint (<c>zmq_bind(3)</c>), such as <c>tcp://127.0.0.1:*</c> (any free port: read
    /// <see cref="LastEndpoint"/>), <c>ipc:///tmp/feed</c> or <c>inproc://name</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty, no <c>transport://</c>, or an embedded NUL.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A TCP port outside 0–65535.</exception>
    /// <exception cref="ZmqException">libzmq refused it (address in use, unknown transport…); the message names the endpoint.</exception>
    public void Bind(string endpoint) => EndpointCall(endpoint, EndpointOperation.Bind);

    /// <summary>Connects to an endpoint (<c>zmq_connect(3)</c>); the connection is made in the background.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty, no <c>transport://</c>, or an embedded NUL.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A TCP port outside 0–65535.</exception>
    /// <exception cref="ZmqException">libzmq refused it; the message names the endpoint.</exception>
    public void Connect(string endpoint) => EndpointCall(endpoint, EndpointOperation.Connect);

    /// <summary>Stops listening on a bound endpoint (<c>zmq_unbind(3)</c>). Pass the actual endpoint
    /// (<see cref="LastEndpoint"/>) for a wildcard bind.</summary>
    /// <exception cref="ZmqException">The endpoint is not bound (<see cref="ZmqError.NoSuchEntry"/>).</exception>
    public void Unbind(string endpoint) => EndpointCall(endpoint, EndpointOperation.Unbind);

    /// <summary>Disconnects from a connected endpoint (<c>zmq_disconnect(3)</c>).</summary>
    /// <exception cref="ZmqException">The endpoint is not connected (<see cref="ZmqError.NoSuchEntry"/>).</exception>
    public void Disconnect(string endpoint) => EndpointCall(endpoint, EndpointOperation.Disconnect);

    /// <summary>
    /// Closes the socket (<c>zmq_close(3)</c>) after setting its linger, for a one-off policy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="linger"/> is negative (other than infinite).</exception>
    public void Close(TimeSpan linger)
    {
        if (!IsDisposed)
        {
            Linger = linger;
        }
        Dispose();
    }

    /// <summary>
    /// Closes the socket (<c>zmq_close(3)</c>). Queued messages are still sent for up to <see cref="Linger"/>.
    /// Idempotent; safe from any thread, also racing another Dispose: exactly one closes the socket.
    /// A pending asynchronous operation fails with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // Before the handle closes: the reactor must forget the descriptor while it is still ours.
        _async.ReadinessIfMade?.Close(DisposedWhileWaiting());
        _handle.MarkOrderlyClose();
        if (_async.CloseGate())
        {
            _handle.Dispose();
        }
        // Before the close-out below, which may run handlers that dispose the context.
        LeaveOwnedCount();
        // The table is closed out now; its reader closes when the handle does (after a call still in
        // flight), once the monitor has stopped (OwnedSocketHandle).
        Volatile.Read(ref _peers)?.Stop();
    }

    /// <summary>
    /// Takes this socket out of its context's owned count (SocketCensus.cs): its owner disposed it,
    /// or its close is tied to another socket's (a monitor's reader closes with the socket it watches).
    /// </summary>
    internal void LeaveOwnedCount()
    {
        if (Interlocked.Exchange(ref _countedOwned, 0) != 0)
        {
            Context.Census.OwnerClosed();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ZmqSocket({SocketType}{(IsDisposed ? ", disposed" : string.Empty)})";

    private enum EndpointOperation
    {
        Bind,
        Connect,
        Unbind,
        Disconnect,
    }

    private unsafe void EndpointCall(string endpoint, EndpointOperation operation)
    {
        EndpointValidator.Validate(endpoint, nameof(endpoint));
        ThrowIfDisposed();
        Span<byte> scratch = stackalloc byte[256];
        using var address = Utf8Buffer.ForCString(endpoint, scratch, nameof(endpoint));
        string name = operation switch
        {
            EndpointOperation.Bind => "zmq_bind",
            EndpointOperation.Connect => "zmq_connect",
            EndpointOperation.Unbind => "zmq_unbind",
            _ => "zmq_disconnect",
        };
        if (operation is EndpointOperation.Bind or EndpointOperation.Connect && endpoint.StartsWith("inproc://", StringComparison.Ordinal))
        {
            _async.NoteInprocEndpoint(); // before the peer can exist: its receives then spin (Async/SocketAsyncContext.Spin.cs)
        }
        EnterSync(name);
        try
        {
            fixed (byte* p = address.NulTerminated)
            {
                int rc = operation switch
                {
                    EndpointOperation.Bind => LibZmq.zmq_bind(_handle, p),
                    EndpointOperation.Connect => LibZmq.zmq_connect(_handle, p),
                    EndpointOperation.Unbind => LibZmq.zmq_unbind(_handle, p),
                    _ => LibZmq.zmq_disconnect(_handle, p),
                };
                if (rc != 0)
                {
                    ThrowHelper.ThrowLastError(name, endpoint);
                }
                if (operation is EndpointOperation.Bind or EndpointOperation.Connect)
                {
                    _lastEndpointSeen = endpoint; // for activity tags: Diagnostics/ZmqSocket.TraceContext.cs
                }
            }
        }
        finally
        {
            ExitSync();
        }
    }

    /// <summary>
    /// Enters the socket for a call that takes its raw pointer outside the socket's own methods
    /// (zmq_poll, zmq_proxy, zmq_socket_monitor_pipes_stats). A classic socket's gate is taken as
    /// for a synchronous call (Async/SocketAsyncContext.cs, "Calls from outside the socket"): a second thread
    /// in a synchronous call is refused, async operations park behind it, and Dispose leaves the
    /// close to <see cref="ReleaseNativeReference"/>. A thread-safe socket is only referenced.
    /// </summary>
    /// <param name="role">Which socket of the call this is, for the disposed error ("The frontend").</param>
    /// <param name="operation">The call, for the concurrent-use error on either side ("zmq_poll").</param>
    /// <exception cref="ObjectDisposedException">The socket is disposed; <paramref name="role"/> says which one it is.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this classic socket.</exception>
    internal nint AddNativeReference(string role, string operation)
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(GetType().FullName, $"{role} is a disposed socket.");
        }
        if (!_threadSafe)
        {
            _async.EnterExternal(operation);
            return _native;
        }
        bool added = false;
        _handle.DangerousAddRef(ref added);
        return _native;
    }

    /// <summary>Ends what <see cref="AddNativeReference"/> started; never throws.</summary>
    internal void ReleaseNativeReference()
    {
        // zmq_poll and zmq_proxy may have processed the socket's commands, as any call may: the
        // exit reads ZMQ_EVENTS for the parked waiters before it lets go (on a thread-safe socket,
        // then releases the reference taken above).
        ExitSync();
    }

    internal void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            ThrowHelper.ThrowDisposed(this);
        }
    }
}
