namespace Zmq.Samples;

/// <summary>
/// What a running role works with: its options, one context, sockets that honour <c>--timeout</c>,
/// line-flushed output, and the stop request of Ctrl-C or SIGTERM.
/// </summary>
public sealed class SampleSession : IDisposable
{
    private readonly List<ZmqSocket> _sockets = [];
    private readonly List<ZmqMonitor> _monitors = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _stopExitCode;

    /// <summary>Creates the session and its context.</summary>
    public SampleSession(SampleOptions options)
    {
        Options = options;
        Count = options.PositiveNumber("count");
        Timeout = options.Milliseconds("timeout");
        Interval = options.Milliseconds("interval") ?? TimeSpan.FromSeconds(1);
        Heartbeat = options.Milliseconds("heartbeat");
        Context = new ZmqContext();
    }

    /// <summary>The role's parsed options.</summary>
    public SampleOptions Options { get; }

    /// <summary>The context every socket of the role belongs to.</summary>
    public ZmqContext Context { get; }

    /// <summary><c>--count</c>: how many messages to handle; null runs until stopped.</summary>
    public long? Count { get; }

    /// <summary><c>--timeout</c>: how long a receive may wait; null waits forever.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary><c>--interval</c>: the pause between sends (default 1000 ms).</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// <c>--heartbeat</c>: the ZMTP heartbeat interval of every socket; a connection silent for three
    /// intervals is dropped (and reconnected by the side that connected). Null leaves heartbeats off.
    /// </summary>
    public TimeSpan? Heartbeat { get; }

    /// <summary>Whether the role ran to its end; set by <see cref="SampleHost"/>.</summary>
    public bool Completed { get; set; }

    /// <summary>Whether Ctrl-C or SIGTERM asked the role to stop.</summary>
    public bool StopRequested => _stopping.IsCancellationRequested;

    /// <summary>The exit code of the stop request (130 for SIGINT, 143 for SIGTERM).</summary>
    public int StopExitCode => _stopExitCode;

    /// <summary>Whether the role should handle another message after <paramref name="done"/> of them.</summary>
    public bool KeepGoing(long done) => !StopRequested && (Count is null || done < Count);

    /// <summary>
    /// Creates a socket whose receives give up after <c>--timeout</c>. With <c>--heartbeat</c> the
    /// socket sends heartbeats and prints a <c>link &lt;event&gt; &lt;endpoint&gt;</c> line whenever a
    /// connection is made or lost, so a cut link shows in the output.
    /// </summary>
    public ZmqSocket CreateSocket(ZmqSocketType type)
    {
        ZmqSocket socket = Context.CreateSocket(type);
        _sockets.Add(socket);
        if (Timeout is TimeSpan timeout)
        {
            socket.ReceiveTimeout = timeout;
        }
        if (Heartbeat is TimeSpan heartbeat)
        {
            _monitors.Add(Heartbeats.Enable(socket, heartbeat));
        }
        return socket;
    }

    /// <summary>Binds to <c>--bind</c> (or the default) and prints <c>bound &lt;actual endpoint&gt;</c> first.</summary>
    public void BindAndAnnounce(ZmqSocket socket, string defaultEndpoint)
    {
        socket.Bind(Options.Get("bind", defaultEndpoint));
        WriteLine($"bound {socket.LastEndpoint}");
    }

    /// <summary>Connects to the endpoint of option <paramref name="option"/> (or the default).</summary>
    public void Connect(ZmqSocket socket, string option, string defaultEndpoint) =>
        socket.Connect(Options.Get(option, defaultEndpoint));

    /// <summary>Receives one UTF-8 message, or throws <see cref="SampleTimeoutException"/> after <c>--timeout</c>.</summary>
    public string Receive(ZmqSocket socket) =>
        socket.TryReceiveString(out string? text)
            ? text
            : throw new SampleTimeoutException($"nothing arrived within {Timeout?.TotalMilliseconds} ms (--timeout)");

    /// <summary>Waits <c>--interval</c>, or less when a stop is requested.</summary>
    public void Pause()
    {
        if (Interval > TimeSpan.Zero)
        {
            _stopping.Token.WaitHandle.WaitOne(Interval);
        }
        _stopping.Token.ThrowIfCancellationRequested();
    }

    /// <summary>Prints one line and flushes it, so a script reading the pipe sees it at once.</summary>
    public static void WriteLine(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>
    /// Asks the role to stop (from a signal handler thread): blocked receives end with
    /// <see cref="ZmqContextTerminatedException"/> and pauses end at once.
    /// </summary>
    public void RequestStop(int exitCode)
    {
        if (Interlocked.CompareExchange(ref _stopExitCode, exitCode, 0) == 0)
        {
            _stopping.Cancel();
            Context.Shutdown();
        }
    }

    /// <summary>
    /// Closes the sockets. After a normal end the context is terminated, which lets queued messages
    /// reach their peers (up to the linger). After Ctrl-C, a timeout or an error it is not: the
    /// peer is gone or the user wants out, so the program quits at once instead of lingering.
    /// </summary>
    public void Dispose()
    {
        foreach (ZmqMonitor monitor in _monitors)
        {
            monitor.Dispose();
        }
        foreach (ZmqSocket socket in _sockets)
        {
            socket.Dispose();
        }
        if (Completed && !StopRequested)
        {
            Context.Dispose();
        }
        _stopping.Dispose();
    }
}
