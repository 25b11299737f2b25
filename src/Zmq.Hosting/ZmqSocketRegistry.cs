using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Zmq.Hosting;

/// <summary>
/// Owns the host's context and its shared sockets: reads their definitions (configuration, then
/// code), creates them (all or nothing at start), hands them out, and drains and closes them at stop.
/// One lock guards the tables: creation is rare, and a socket is never created twice. Closing happens
/// outside it: the call that marks the registry closed takes every socket and the context out of the
/// tables under the lock (so each is closed exactly once, by that call) and closes them after
/// releasing it, since a close runs code that is not the registry's (the close-out of a socket's peer
/// table raises its Changed handlers on the closing thread) and health checks, Get and Create must
/// not wait for it: they see the registry closed at once.
/// </summary>
internal sealed partial class ZmqSocketRegistry : IZmqSocketFactory, IDisposable
{
    private readonly ZmqBuilder _builder;
    private readonly IConfiguration? _configuration;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ZmqSocket> _shared = new(StringComparer.OrdinalIgnoreCase);
    // Sockets handed out by Create: their owners should dispose them before the host stops. One
    // still open at the drain would keep the context alive (its termination would move to a
    // background thread, and the drain could not wait for or report the shared sockets' queues), so
    // the drain closes it too. Weak: a socket its owner disposed and dropped is not kept alive here.
    private readonly List<WeakReference<ZmqSocket>> _created = [];
    private Dictionary<string, SocketDefinition>? _definitions;
    private ZmqContext? _context;
    private bool _closed;

    public ZmqSocketRegistry(ZmqBuilder builder, IServiceProvider services)
    {
        _builder = builder;
        _configuration = services.GetService<IConfiguration>();
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger("Zmq.Hosting") ?? NullLogger.Instance;
    }

    internal ILogger Logger => _logger;

    /// <summary>The host-wide settings, after configuration has been read.</summary>
    internal ZmqHostingOptions Options
    {
        get
        {
            _ = Definitions;
            return _builder.Options;
        }
    }

    public ZmqContext Context
    {
        get
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_closed, this);
                return EnsureContext();
            }
        }
    }

    public IReadOnlyCollection<string> Names => Definitions.Keys;

    private Dictionary<string, SocketDefinition> Definitions
    {
        get
        {
            lock (_lock)
            {
                return _definitions ??= ReadDefinitions();
            }
        }
    }

    public ZmqSocket Get(string name)
    {
        SocketDefinition definition = Find(name);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (!_shared.TryGetValue(definition.Name, out ZmqSocket? socket))
            {
                socket = Build(definition);
                _shared.Add(definition.Name, socket);
            }
            return socket;
        }
    }

    public ZmqSocket Create(string name)
    {
        SocketDefinition definition = Find(name);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            ZmqSocket socket = Build(definition);
            _created.RemoveAll(entry => !entry.TryGetTarget(out ZmqSocket? earlier) || earlier.IsDisposed);
            _created.Add(new WeakReference<ZmqSocket>(socket));
            return socket;
        }
    }

    /// <summary>
    /// Marks the registry closed and takes its sockets (the shared ones, and those from
    /// <see cref="Create"/> still open) and its context out of the tables, for the caller to close
    /// outside the lock; false when another call closed it first, and owns them.
    /// </summary>
    private bool TryTakeAll(out List<ZmqSocket> shared, out List<ZmqSocket> created, out ZmqContext? context)
    {
        lock (_lock)
        {
            shared = [];
            created = [];
            context = null;
            if (_closed)
            {
                return false;
            }
            _closed = true;
            shared.AddRange(_shared.Values);
            _shared.Clear();
            foreach (WeakReference<ZmqSocket> entry in _created)
            {
                if (entry.TryGetTarget(out ZmqSocket? socket) && !socket.IsDisposed)
                {
                    created.Add(socket);
                }
            }
            _created.Clear();
            context = _context;
            return true;
        }
    }

    /// <summary>The shared instance if it exists (for health checks: never creates one).</summary>
    internal bool TryGetShared(string name, out ZmqSocket? socket, out bool closed)
    {
        lock (_lock)
        {
            closed = _closed;
            return _shared.TryGetValue(name, out socket);
        }
    }

    /// <summary>Creates every shared socket; on any failure closes those already made (linger 0) and the context.</summary>
    internal void StartAll()
    {
        try
        {
            foreach (string name in Names)
            {
                Get(name);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Closes every shared socket, and every socket from <see cref="Create"/> its owner left open, with
    /// a linger no longer than <paramref name="budget"/>, then terminates the context, which waits for
    /// that linger while queued messages are delivered. libzmq cannot shorten a linger once a socket is
    /// closed, so the budget is given before closing.
    /// </summary>
    internal DrainResult Drain(TimeSpan budget)
    {
        // The longest linger a socket was closed with: a termination that lasted that long ended
        // by the linger, with messages left (a socket's own linger, 10 s by default, can be shorter
        // than the budget, and then it, not the budget, is what cut the queue).
        TimeSpan longestLinger = TimeSpan.Zero;
        bool uncertain = false;
        if (!TryTakeAll(out List<ZmqSocket> shared, out List<ZmqSocket> created, out ZmqContext? context))
        {
            return new DrainResult(TimeSpan.Zero, false, 0);
        }
        // Timed from before the first close: each socket's linger runs from its own close, so a socket
        // that lingered its full time ends at least that long after this point, however long the
        // closing itself took (timed from the context's termination alone, the closing's own time,
        // close-out handlers included, hid a linger that ran out: a cut reported as delivered).
        long start = Stopwatch.GetTimestamp();
        List<string> leftOpen = [];
        foreach (ZmqSocket socket in shared)
        {
            CloseWithin(socket, budget, ref longestLinger, ref uncertain);
        }
        foreach (ZmqSocket socket in created)
        {
            leftOpen.Add(socket.Name ?? socket.SocketType.ToString());
            CloseWithin(socket, budget, ref longestLinger, ref uncertain);
        }
        if (leftOpen.Count > 0)
        {
            // Logged before the termination, which the host's stopping token may stop waiting for.
            LogCreatedLeftOpen(_logger, leftOpen.Count, string.Join(", ", leftOpen));
        }
        context?.Dispose();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        bool spent = uncertain || (longestLinger > TimeSpan.Zero && elapsed >= longestLinger - TimeSpan.FromMilliseconds(20));
        return new DrainResult(elapsed, spent, shared.Count + leftOpen.Count);
    }

    /// <summary>What a drain did: how long it took from the first close to the end of the termination, whether a linger (or a call
    /// still running) may have cut a queue, and how many sockets it closed.</summary>
    internal readonly record struct DrainResult(TimeSpan Elapsed, bool BudgetSpent, int Sockets);

    private static void CloseWithin(ZmqSocket socket, TimeSpan budget, ref TimeSpan longestLinger, ref bool uncertain)
    {
        TimeSpan linger = budget;
        try
        {
            TimeSpan own = socket.Linger;
            if (own != Timeout.InfiniteTimeSpan && own < budget)
            {
                linger = own;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or ZmqException)
        {
            // In use on another thread, or already closed by its owner: the budget bounds it.
        }
        try
        {
            socket.Close(linger);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or ZmqException)
        {
            // A synchronous call is still running on it (Dispose never waits, and the call keeps the
            // native socket alive until it returns, closed with its own linger), its owner disposed it
            // meanwhile, or the context is shutting down: disposed anyway, and reported as a possible
            // cut. Nothing escapes, so the sockets after it and the context are closed too: the
            // registry was emptied before the loop, and nobody else would close them.
            socket.Dispose();
            uncertain = true;
        }
        longestLinger = linger > longestLinger ? linger : longestLinger;
    }

    /// <summary>Closes everything at once (linger 0): the container's disposal, or a failed start.
    /// Nothing to do after a drain, which closed everything (or still is).</summary>
    public void Dispose()
    {
        if (!TryTakeAll(out List<ZmqSocket> shared, out List<ZmqSocket> created, out ZmqContext? context))
        {
            return;
        }
        TimeSpan longestLinger = TimeSpan.Zero;
        bool uncertain = false;
        foreach (ZmqSocket socket in shared.Concat(created))
        {
            CloseWithin(socket, TimeSpan.Zero, ref longestLinger, ref uncertain);
        }
        context?.Dispose();
    }

    private SocketDefinition Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Definitions.TryGetValue(name, out SocketDefinition? definition)
            ? definition
            : throw new KeyNotFoundException($"No ZeroMQ socket named '{name}' is configured (section "
                + $"'{_builder.Options.ConfigurationSection}:Sockets' or ZmqBuilder.AddSocket). Configured: "
                + (Definitions.Count == 0 ? "none" : string.Join(", ", Definitions.Keys)) + ".");
    }

    private Dictionary<string, SocketDefinition> ReadDefinitions()
    {
        var definitions = new Dictionary<string, SocketDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, SocketDefinition code) in _builder.CodeSockets)
        {
            definitions.Add(name, code);
        }
        if (_configuration is not null)
        {
            IConfigurationSection section = _configuration.GetSection(_builder.Options.ConfigurationSection);
            SocketConfigurationReader.ReadHostSettings(section, _builder.Options);
            SocketConfigurationReader.ReadSockets(section, definitions);
        }
        foreach (SocketDefinition definition in definitions.Values)
        {
            if (definition.Type is null)
            {
                throw new ZmqConfigurationException($"{_builder.Options.ConfigurationSection}:Sockets:{definition.Name}:Type", null,
                    "missing: every socket needs a Type (Router, Dealer, Pub, Sub, Push, Pull, Req, Rep, Pair…).");
            }
        }
        return definitions;
    }

    private ZmqContext EnsureContext()
    {
        if (_context is not null)
        {
            return _context;
        }
        var context = new ZmqContext();
        try
        {
            foreach ((string key, string value, Action<ZmqContext> apply) in _builder.Options.ContextSettings)
            {
                Apply(key, value, () => apply(context));
            }
            foreach (Action<ZmqContext> callback in _builder.ContextCallbacks)
            {
                callback(context);
            }
        }
        catch
        {
            context.Dispose();
            throw;
        }
        return _context = context;
    }

    private ZmqSocket Build(SocketDefinition definition)
    {
        ZmqContext context = EnsureContext();
        ZmqSocket socket;
        try
        {
            socket = context.CreateSocket(definition.Type!.Value);
        }
        catch (Exception e) when (e is NotSupportedException or ZmqException)
        {
            throw new ZmqConfigurationException(definition.TypeKey, definition.Type.ToString(), e.Message, e);
        }
        try
        {
            // The name tags the socket's metrics and activities; the peer table (started before any
            // bind or connect, so it sees every event) feeds the connection metrics and the health check.
            socket.Name = definition.Name;
            _ = socket.Peers;
            foreach ((string key, string? value, Action<ZmqSocket> apply) in definition.Options)
            {
                Apply(key, value, () => apply(socket));
            }
            if (definition.CurveSecretKeyZ85 is { } z85)
            {
                Apply(definition.CurveSecretKeySource!, null, () =>
                {
                    using ZmqCurveSecretKey secret = ZmqCurveSecretKey.FromZ85(z85);
                    socket.SetCurveSecretKey(secret);
                    if (!definition.HasCurvePublicKey)
                    {
                        // A CURVE client needs its public key too: derive it rather than make users copy it.
                        socket.CurvePublicKey = Z85.Decode(secret.DerivePublicKey());
                    }
                });
            }
            foreach (Action<ZmqSocket> configure in definition.Configure)
            {
                configure(socket);
            }
            foreach ((string key, string prefix) in definition.Subscribe)
            {
                Apply(key, prefix, () => socket.Subscribe(prefix));
            }
            foreach ((string key, string endpoint) in definition.Bind)
            {
                Apply(key, endpoint, () => socket.Bind(endpoint));
                LogBound(_logger, definition.Name, definition.Type.Value, endpoint, SafeLastEndpoint(socket));
            }
            foreach ((string key, string endpoint) in definition.Connect)
            {
                Apply(key, endpoint, () => socket.Connect(endpoint));
                LogConnecting(_logger, definition.Name, definition.Type.Value, endpoint);
            }
            return socket;
        }
        catch
        {
            socket.Close(TimeSpan.Zero);
            throw;
        }
    }

    private static string SafeLastEndpoint(ZmqSocket socket)
    {
        try
        {
            return socket.LastEndpoint;
        }
        catch (ZmqException)
        {
            return string.Empty;
        }
    }

    /// <summary>Runs one setting, turning the binding's or libzmq's refusal into an error naming the key and value.</summary>
    private static void Apply(string key, string? value, Action apply)
    {
        try
        {
            apply();
        }
        catch (Exception e) when (e is ArgumentException or ZmqException or NotSupportedException or InvalidOperationException
            && e is not ZmqConfigurationException)
        {
            // A hidden (null) value is a secret's: neither the refusal's text nor the exception goes
            // on, since either may quote it (hosts log start-up failures).
            throw value is null && e is not NotSupportedException
                ? new ZmqConfigurationException(key, null, $"refused ({e.GetType().Name}{(e is ZmqException z ? ", " + z.Error : "")}); the value is hidden: the setting is a secret.")
                : new ZmqConfigurationException(key, value, e.Message, e);
        }
    }

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "{Count} socket(s) from IZmqSocketFactory.Create were still open when the ZeroMQ drain began ({Names}): it closed them with the others. Dispose them in your service's StopAsync, and register that service after AddZmq so it stops first")]
    private static partial void LogCreatedLeftOpen(ILogger logger, int count, string names);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "ZeroMQ socket '{Name}' ({Type}) bound to {Endpoint} ({Actual})")]
    private static partial void LogBound(ILogger logger, string name, ZmqSocketType type, string endpoint, string actual);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "ZeroMQ socket '{Name}' ({Type}) connecting to {Endpoint}")]
    private static partial void LogConnecting(ILogger logger, string name, ZmqSocketType type, string endpoint);
}
