using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Zmq;

/// <summary>
/// A ZAP handler (ZeroMQ RFC 27) for one context: it binds <c>inproc://zeromq.zap.01</c> and answers
/// libzmq's authentication requests on a background thread, with an IP allow/deny list, PLAIN
/// usernames and passwords, and CURVE client keys (any, or an allow list, also loadable from a
/// folder of key files). It stops on <see cref="Dispose"/> or when the context is shut down.
/// </summary>
/// <remarks>
/// libzmq asks the handler about every PLAIN and CURVE connection, and about NULL connections of
/// sockets that set <see cref="ZmqSocket.ZapDomain"/>. Configure before the servers bind; the
/// configuration methods are thread-safe and take effect for the next connection.
/// </remarks>
public sealed partial class ZmqAuthenticator : IDisposable
{
    /// <summary>The endpoint RFC 27 reserves for the ZAP handler.</summary>
    public const string ZapEndpoint = "inproc://zeromq.zap.01";

    private static int s_wakeCounter;
    private readonly ZmqSocket _handler;
    // The handler thread sleeps in a poll of the ZAP socket and this PAIR, until a request or
    // Dispose's wake comes (nothing else is ever sent on it): Dispose is prompt without the
    // thread waking on a timer to look at a flag. The writing end is used by Dispose only, under
    // _wakeLock (two threads may dispose at once).
    private readonly ZmqSocket _wakeReader;
    private readonly ZmqSocket _wakeWriter;
    private readonly Lock _wakeLock = new();
    private readonly Lock _closeLock = new(); // one CloseHandler at a time (it says why)
    private bool _woken; // under _wakeLock: the one frame the wake pair ever carries was sent
    private readonly Thread _thread;
    private readonly ConcurrentDictionary<string, byte> _allowedAddresses = new();
    private readonly ConcurrentDictionary<string, byte> _deniedAddresses = new();
    private readonly ConcurrentDictionary<string, byte[]> _passwords = new();
    private readonly ConcurrentDictionary<string, byte> _curveKeys = new();
    private volatile bool _curveAllowAny;
    private volatile bool _stopping;

    /// <summary>How long <see cref="Dispose"/> waits for a request being decided (tests shorten it to make the closers race).</summary>
    internal TimeSpan HandlerJoinTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Starts the handler in <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    /// <exception cref="ZmqException">Another ZAP handler is bound in this context (address in use).</exception>
    public ZmqAuthenticator(ZmqContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string wakeEndpoint = $"inproc://zmq-zap-wake-{Environment.ProcessId}-{Interlocked.Increment(ref s_wakeCounter)}";
        _handler = context.CreateHelperSocket(ZmqSocketType.Rep, TimeSpan.Zero, s => s.Bind(ZapEndpoint));
        try
        {
            _wakeReader = context.CreateHelperSocket(ZmqSocketType.Pair, TimeSpan.Zero, s => s.Bind(wakeEndpoint));
            _wakeWriter = context.CreateHelperSocket(ZmqSocketType.Pair, TimeSpan.Zero, s => s.Connect(wakeEndpoint));
        }
        catch
        {
            CloseHandler(); // the REP, and whichever wake socket was made
            throw;
        }
        _thread = new Thread(Serve) { IsBackground = true, Name = "zmq-zap-handler" };
        _thread.Start();
    }

    /// <summary>Raised on the handler thread after each decision and before libzmq is given it, for
    /// logging and tests: what follows from a handshake (its connection's monitor events, a message
    /// delivered, a refused client) is never seen before its event, and a slow handler delays the
    /// handshakes (so a handler must never wait for anything of the connection being decided). An
    /// exception from a handler is written to <see cref="System.Diagnostics.Trace"/> and does not
    /// stop the authenticator.</summary>
    public event EventHandler<ZmqAuthenticationResult>? Authenticated;

    /// <summary>Only these IP addresses may connect (when any are allowed at all).</summary>
    public void Allow(params string[] addresses) => AddAll(_allowedAddresses, addresses);

    /// <summary>These IP addresses are refused.</summary>
    public void Deny(params string[] addresses) => AddAll(_deniedAddresses, addresses);

    /// <summary>Accepts PLAIN clients with this username and password.</summary>
    /// <exception cref="ArgumentException">The username is null or empty.</exception>
    public void AddPlainUser(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        _passwords[username] = Encoding.UTF8.GetBytes(password);
    }

    /// <summary>Accepts every CURVE client that completes the handshake (encryption without client authentication).</summary>
    public void AllowAnyCurveClient() => _curveAllowAny = true;

    /// <summary>Accepts CURVE clients with these Z85 public keys.</summary>
    /// <exception cref="FormatException">A key is not a 40-character Z85 key.</exception>
    public void AllowCurveClients(params string[] publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        foreach (string key in publicKeys)
        {
            if (key is null || key.Length != ZmqCurve.Z85KeyLength || Z85.Decode(key).Length != 32)
            {
                throw new FormatException($"'{key}' is not a {ZmqCurve.Z85KeyLength}-character Z85 CURVE public key.");
            }
            _curveKeys[key] = 0;
        }
    }

    /// <summary>
    /// Accepts the CURVE public keys found in the files of <paramref name="folder"/>: czmq/pyzmq
    /// certificate files (<c>public-key = "…"</c>) or files holding just the Z85 key. Returns how many were loaded.
    /// </summary>
    /// <returns>How many public keys were loaded.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FormatException">A file names a key that is not valid Z85.</exception>
    public int LoadCurveClients(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        int loaded = 0;
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            string text = File.ReadAllText(file);
            Match certificate = PublicKeyLine().Match(text);
            string key = certificate.Success ? certificate.Groups[1].Value : text.Trim();
            if (!certificate.Success && key.Length != ZmqCurve.Z85KeyLength)
            {
                continue; // Not a key file (a secret certificate, a README...).
            }
            AllowCurveClients(key);
            loaded++;
        }
        return loaded;
    }

    /// <summary>
    /// Stops the handler thread, unbinds <see cref="ZapEndpoint"/> and closes its socket: when it
    /// returns, a new authenticator on the same context can bind at once. It waits up to 5 s for a
    /// request being decided (an <see cref="Authenticated"/> handler still running after that has
    /// the socket closed under it, and that client waits for its handshake timeout). Called from an
    /// <see cref="Authenticated"/> handler it only asks the thread to stop: the thread answers the
    /// request in progress, then unbinds and closes on its way out; a later call from another
    /// thread waits for that. Idempotent.
    /// </summary>
    public void Dispose()
    {
        _stopping = true;
        if (Thread.CurrentThread == _thread)
        {
            // From an Authenticated handler: the request it was raised for is not answered yet.
            // The handler thread replies, then unbinds and closes on its way out (Serve).
            return;
        }
        // Every other caller wakes the thread, waits for it and unbinds and closes itself, even
        // after a handler's Dispose (both are repeatable).
        WakeHandlerThread();
        _thread.Join(HandlerJoinTimeout);
        CloseHandler();
    }

    /// <summary>
    /// Ends the handler thread's poll: one empty frame on the wake PAIR, sent once and never read
    /// (so every later poll returns at once too). Nothing to do once the pair is closed, or when the
    /// context was shut down (the poll ended with ETERM already).
    /// </summary>
    private void WakeHandlerThread()
    {
        lock (_wakeLock)
        {
            if (_woken)
            {
                return;
            }
            _woken = true;
            try
            {
                bool sent = _wakeWriter.TrySend(ReadOnlySpan<byte>.Empty, ZmqSendFlags.DontWait);
                Debug.Assert(sent, "the wake pair's one frame is far below its high-water mark, and its reader is connected from the start");
            }
            catch (Exception e) when (e is ObjectDisposedException or ZmqContextTerminatedException)
            {
                // Closed by an earlier Dispose or by the handler thread on its way out; or shut down.
            }
        }
    }

    /// <summary>
    /// Closes the wake pair, unbinds the ZAP endpoint, then closes the ZAP socket. The unbind is
    /// what frees the endpoint at once: closing only hands the socket to libzmq's reaper thread, which unregisters its inproc
    /// endpoints later, so a new authenticator binding right after could find the name taken.
    /// Repeatable, and one caller at a time: a second caller (two threads disposing, or Dispose and
    /// the handler thread on its way out) waits until the first has unbound. Without that it found
    /// the socket in the first one's Unbind, had its own refused as a concurrent call, and disposed
    /// the socket, which a socket busy in another thread's call only marks for closing when that
    /// call ends: it returned while the name was still bound, breaking Dispose's promise. A socket
    /// already closed, or shut down with its context, only closes.
    /// </summary>
    private void CloseHandler()
    {
        lock (_closeLock)
        {
            CloseWakePair();
            if (_handler.IsDisposed)
            {
                return; // closed by the handler thread on its way out, or by an earlier Dispose
            }
            try
            {
                _handler.Unbind(ZapEndpoint);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or ZmqException)
            {
                // Closed already, in use by a handler still running after Dispose's join ran out,
                // or the context shut down.
            }
            _handler.Dispose();
        }
    }

    /// <summary>Closes the wake PAIR (repeatable; null ends only while the constructor fails).</summary>
    private void CloseWakePair()
    {
        lock (_wakeLock)
        {
            _wakeWriter?.Dispose();
        }
        _wakeReader?.Dispose();
    }

    private static void AddAll(ConcurrentDictionary<string, byte> set, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (string value in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(values));
            set[value] = 0;
        }
    }

    // RFC 27 requests are six frames plus the mechanism's credentials (PLAIN two, CURVE one), each
    // short. libzmq sends nothing bigger; anything else on the endpoint is answered 400, unread.
    private const int MaxRequestFrames = 16;
    private const int MaxFrameBytes = 4096;

    private void Serve()
    {
        var request = new List<byte[]>(8);
        var frame = new ZmqMessage();
        var poller = new ZmqPoller();
        bool terminated = false;
        try
        {
            int requests = poller.Add(_handler, ZmqPollEvents.In);
            poller.Add(_wakeReader, ZmqPollEvents.In);
            while (!_stopping)
            {
                poller.Poll(Timeout.InfiniteTimeSpan);
                if (_stopping)
                {
                    break; // woken by Dispose (a request that came meanwhile waits for its client's handshake timeout, as before a stop)
                }
                if (!poller.IsReadable(requests) || !TryReceiveRequest(request, ref frame, out bool oversized))
                {
                    continue;
                }
                var result = oversized
                    ? new ZmqAuthenticationResult(400, "ZAP request too large", string.Empty, string.Empty, string.Empty)
                    : Decide(request);
                // Raised before the reply: libzmq ends the handshake on the reply, so whatever follows
                // from it (a connection's monitor events, a delivered message, a failed client) is
                // never seen before its decision's event.
                RaiseAuthenticated(result);
                // Reply: version, request id, status code, status text, user id, metadata.
                _handler.SendMultipart(
                    "1.0"u8.ToArray(),
                    request.Count > 1 ? request[1] : [],
                    Encoding.ASCII.GetBytes(result.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    Encoding.UTF8.GetBytes(result.StatusText),
                    Encoding.UTF8.GetBytes(result.UserId),
                    []);
            }
        }
        catch (ZmqContextTerminatedException)
        {
            // The context was shut down: the handler ends with it, and closes its sockets so that
            // they do not hold the context's termination until the authenticator is disposed.
            terminated = true;
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or ZmqException)
        {
            // A Dispose whose wait for a slow Authenticated handler ran out, closing the sockets
            // under this thread (a stop, not reported), or an unexpected libzmq error. The thread
            // ends rather than the process.
            if (!_stopping)
            {
                ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "Authentication", "The ZAP handler stopped; ZAP requests go unanswered from now on.", e);
            }
        }
        finally
        {
            poller.Dispose();
            frame.Dispose();
            if (_stopping || terminated)
            {
                CloseHandler(); // disposed from a handler on this thread (Dispose left it here), or shut down; repeatable
            }
        }
    }

    /// <summary>
    /// Receives one request frame by frame, keeping at most <see cref="MaxRequestFrames"/> frames of
    /// at most <see cref="MaxFrameBytes"/> bytes; false when none is queued after all.
    /// </summary>
    private bool TryReceiveRequest(List<byte[]> request, ref ZmqMessage frame, out bool oversized)
    {
        request.Clear();
        oversized = false;
        if (!_handler.TryReceiveMessage(ref frame, ZmqReceiveFlags.DontWait))
        {
            return false;
        }
        while (true)
        {
            if (request.Count < MaxRequestFrames && frame.Size <= MaxFrameBytes)
            {
                request.Add(frame.Data.ToArray());
            }
            else
            {
                oversized = true;
            }
            if (!frame.HasMore)
            {
                return true;
            }
            // libzmq delivers a multipart message whole: the next frame is already queued.
            _handler.ReceiveMessage(ref frame, ZmqReceiveFlags.DontWait);
        }
    }

    private void RaiseAuthenticated(ZmqAuthenticationResult result)
    {
        if (ZmqDiagnostics.HasSubscribers)
        {
            bool allowed = result.StatusCode == 200;
            ZmqDiagnostics.Raise(allowed ? ZmqDiagnosticLevel.Information : ZmqDiagnosticLevel.Warning, "Authentication",
                $"ZAP {(allowed ? "allowed" : "denied")} {result.Mechanism} peer {result.Address}: {result.StatusCode} {result.StatusText}"
                + (result.UserId.Length > 0 ? $" (user {result.UserId})" : string.Empty));
        }
        try
        {
            Authenticated?.Invoke(this, result);
        }
#pragma warning disable CA1031 // A subscriber's bug must not end authentication for the whole context.
        catch (Exception error)
#pragma warning restore CA1031
        {
            System.Diagnostics.Trace.TraceError($"Zmq: a ZmqAuthenticator.Authenticated handler threw; authentication goes on. {error}");
        }
    }

    private ZmqAuthenticationResult Decide(List<byte[]> request)
    {
        if (request.Count < 6 || Encoding.ASCII.GetString(request[0]) != "1.0")
        {
            return new ZmqAuthenticationResult(500, "malformed ZAP request", string.Empty, string.Empty, string.Empty);
        }
        string address = Encoding.UTF8.GetString(request[3]);
        string mechanism = Encoding.ASCII.GetString(request[5]);
        ZmqAuthenticationResult Deny(string why) => new(400, why, string.Empty, address, mechanism);
        ZmqAuthenticationResult Allow(string user) => new(200, "OK", user, address, mechanism);

        if (_deniedAddresses.ContainsKey(address))
        {
            return Deny($"address {address} is denied");
        }
        if (!_allowedAddresses.IsEmpty && !_allowedAddresses.ContainsKey(address))
        {
            return Deny($"address {address} is not allowed");
        }
        switch (mechanism)
        {
            case "NULL":
                return Allow(string.Empty);
            case "PLAIN" when request.Count >= 8:
                string username = Encoding.UTF8.GetString(request[6]);
                // Compared in constant time over the bytes: how long a comparison takes must not tell
                // a client how much of a guessed password was right.
                return _passwords.TryGetValue(username, out byte[]? expected) && CryptographicOperations.FixedTimeEquals(expected, request[7])
                    ? Allow(username)
                    : Deny($"invalid username or password for '{username}'");
            case "CURVE" when request.Count >= 7 && request[6].Length == 32:
                string key = Z85.Encode(request[6]);
                return _curveAllowAny || _curveKeys.ContainsKey(key)
                    ? Allow(key)
                    : Deny($"CURVE key {key} is not allowed");
            default:
                return Deny($"mechanism {mechanism} is not configured");
        }
    }

    [GeneratedRegex(@"public-key\s*=\s*""([^""]{40})""")]
    private static partial Regex PublicKeyLine();
}
