using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Typed events of a socket's monitor (<c>zmq_socket_monitor(3)</c>): connections, disconnections,
/// handshakes and their failures. A background thread reads the monitor's PAIR socket; consume the
/// events with <see cref="ReadAllAsync"/>, <see cref="TryReceive"/> or the <see cref="EventReceived"/> event.
/// </summary>
/// <remarks>
/// Create and dispose the monitor on the thread that uses the monitored socket (both call
/// <c>zmq_socket_monitor</c> on it), or dispose it after that socket is disposed. Up to 10,000
/// unread events are kept; older ones are dropped past that.
/// </remarks>
public sealed class ZmqMonitor : IDisposable
{
    private static int s_counter;
    private readonly ZmqSocket _socket;
    private readonly ZmqSocket _pair;
    private readonly Thread _reader;
    private readonly Channel<ZmqMonitorEvent> _events = Channel.CreateBounded<ZmqMonitorEvent>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
    private volatile bool _stopping;
    private volatile bool _draining; // disposed while the monitor could not be stopped: drop events until it is
    private readonly bool _reportStopped;
    private int _stoppedReported;
    private int _disposed;

    /// <summary>Starts monitoring <paramref name="socket"/> for the <paramref name="events"/> given, in the version 1 format.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    /// <exception cref="ZmqException">libzmq refused to monitor the socket.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on the socket: starting a monitor is a call on it.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public ZmqMonitor(ZmqSocket socket, ZmqMonitorEventType events = ZmqMonitorEventType.All)
        : this(socket, events, ZmqMonitorFormat.Version1)
    {
    }

    /// <summary>
    /// Starts monitoring <paramref name="socket"/> in the given <paramref name="format"/>
    /// (<c>zmq_socket_monitor_versioned(3)</c> for version 2, where <see cref="ZmqMonitorEventType.All"/>
    /// includes <see cref="ZmqMonitorEventType.PipesStats"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined format, or version 1 was asked for <see cref="ZmqMonitorEventType.PipesStats"/>.</exception>
    /// <exception cref="NotSupportedException">Version 2 on a libzmq without the draft API.</exception>
    /// <exception cref="ZmqException">libzmq refused to monitor the socket.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on the socket: starting a monitor is a call on it.</exception>
    /// <exception cref="ObjectDisposedException">The socket was disposed.</exception>
    public unsafe ZmqMonitor(ZmqSocket socket, ZmqMonitorEventType events, ZmqMonitorFormat format)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (format is not (ZmqMonitorFormat.Version1 or ZmqMonitorFormat.Version2)
            || (format == ZmqMonitorFormat.Version1 && (events & ZmqMonitorEventType.PipesStats) != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(format), $"Monitor format {format} with events {events}: PipesStats needs Version2.");
        }
        if (format == ZmqMonitorFormat.Version2 && !ZmqLibrary.Has("draft"))
        {
            throw new NotSupportedException(
                $"The version 2 monitor format (zmq_socket_monitor_versioned) is part of libzmq's draft API, which the loaded libzmq ({ZmqLibrary.Path}) was built without.");
        }
        _socket = socket;
        Format = format;
        Endpoint = $"inproc://zmq-monitor-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
        ulong mask = format == ZmqMonitorFormat.Version2 && events == ZmqMonitorEventType.All ? (ulong)LibZmq.Draft.ZMQ_EVENT_ALL_V2 : (ulong)events;
        _reportStopped = (events & ZmqMonitorEventType.MonitorStopped) != 0;
        // The reader is connected before the monitor starts, and closed by the socket's handle when
        // the socket closes, right after its monitor stopped (ZmqSocket.NativeMonitor.cs says why).
        _pair = socket.StartNativeMonitor(Endpoint, mask, format == ZmqMonitorFormat.Version2, "The monitored socket", TimeSpan.FromMilliseconds(100));
        _reader = new Thread(ReadEvents) { IsBackground = true, Name = "zmq-monitor" };
        _reader.Start();
    }

    /// <summary>The inproc endpoint libzmq publishes the events on.</summary>
    public string Endpoint { get; }

    /// <summary>The event format this monitor reads.</summary>
    public ZmqMonitorFormat Format { get; }

    /// <summary>
    /// Asks libzmq for one <see cref="ZmqMonitorEventType.PipesStats"/> event per pipe of the socket
    /// (<c>zmq_socket_monitor_pipes_stats(3)</c>): how many messages each holds outbound and inbound.
    /// Call it from the thread that uses the monitored socket. The counts come back as commands to
    /// the socket, so the events appear once the socket is next used (any call, even reading
    /// <see cref="ZmqSocket.Events"/>).
    /// </summary>
    /// <remarks>On a classic socket the request is a synchronous call on it (it takes the socket's
    /// gate, Async/SocketAsyncContext.cs): it waits for an asynchronous operation's non-blocking call, is
    /// refused while another thread is in a synchronous call, and lets parked asynchronous
    /// operations see what it processed.</remarks>
    /// <exception cref="InvalidOperationException">The monitor does not read the version 2 format with PipesStats;
    /// or another thread is in a synchronous call on the socket.</exception>
    /// <exception cref="ObjectDisposedException">The monitor or the socket was disposed.</exception>
    /// <exception cref="ZmqException">libzmq refused.</exception>
    public void RequestPipeStatistics()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Format != ZmqMonitorFormat.Version2)
        {
            throw new InvalidOperationException("Pipe statistics are a version 2 monitor event: create the monitor with ZmqMonitorFormat.Version2.");
        }
        _socket.RequestNativePipeStatistics("The monitored socket", Endpoint);
    }

    /// <summary>Raised on the monitor's reader thread for every event. Handlers must not throw.</summary>
    public event EventHandler<ZmqMonitorEvent>? EventReceived;

    /// <summary>Takes the next event if one arrives within <paramref name="timeout"/>.</summary>
    /// <returns>True when an event arrived in time.</returns>
    public bool TryReceive(out ZmqMonitorEvent monitorEvent, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (!_events.Reader.TryRead(out monitorEvent))
            {
                if (!_events.Reader.WaitToReadAsync(cancel.Token).AsTask().GetAwaiter().GetResult())
                {
                    return false;
                }
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            monitorEvent = default;
            return false;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: for as long as
    /// it takes) for an event of type <paramref name="type"/>, skipping others.
    /// </summary>
    /// <returns>True when an event of that type arrived in time.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool WaitFor(ZmqMonitorEventType type, TimeSpan timeout, out ZmqMonitorEvent monitorEvent)
    {
        bool forever = timeout == Timeout.InfiniteTimeSpan;
        if (!forever)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        }
        long deadline = forever ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        TimeSpan Remaining() => forever ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
        while (TryReceive(out monitorEvent, Remaining()))
        {
            if ((monitorEvent.Type & type) != 0)
            {
                return true;
            }
        }
        monitorEvent = default;
        return false;
    }

    /// <summary>The events as they arrive, until the monitor is disposed, stopped or its context shut down.</summary>
    /// <returns>The events, in order, until the monitor ends.</returns>
    public async IAsyncEnumerable<ZmqMonitorEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var monitorEvent in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return monitorEvent;
        }
    }

    /// <summary>
    /// Stops monitoring the socket (<c>zmq_socket_monitor(socket, NULL, 0)</c>), then the reader
    /// thread, then closes the monitor's own socket. Idempotent; never blocks for long.
    /// </summary>
    /// <remarks>
    /// Stopping the monitor is a call on the socket. When it cannot be made now (another thread is
    /// in a synchronous call on the socket, or the socket was disposed and its native close is still
    /// to come), the reader thread goes on reading and dropping events until the socket's close
    /// stops the monitor, and only then is the monitor's socket closed (libzmq's monitor sends
    /// block: one into a closed reader would never return); until then the socket takes no other
    /// monitor. <see cref="ZmqMonitorEventType.MonitorStopped"/>, when asked for, is the last event.
    /// </remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // Stop libzmq's side first, while the reader is still attached (pyzmq#1020): a monitor
        // left running with its reader closed keeps the socket from handling a lost connection
        // (sends kept queueing into the dead pipe and a returning peer was never served).
        if (_socket.TryStopNativeMonitor())
        {
            // The reader delivers what is still queued, reports MonitorStopped and completes the
            // channel; it wakes at least every 100 ms (its receive timeout) to see the flag.
            _stopping = true;
            if (Thread.CurrentThread != _reader)
            {
                _reader.Join(TimeSpan.FromSeconds(5));
            }
            _socket.OwnedHandle.ForgetMonitorReader(_pair);
            _pair.Dispose();
        }
        else
        {
            // The reader drops events from now on, until the socket's close stops the monitor and
            // closes the PAIR; the monitor's end is reported now.
            _draining = true; // the reader reports the end and completes the channel: it is their one writer
        }
    }

    /// <summary>One event from its frames (NativeMonitorEvent.cs has the formats); null for frames that are not one.</summary>
    private ZmqMonitorEvent? ParseEvent(List<byte[]> frames)
    {
        if (!NativeMonitorEvent.TryParse(frames, Format == ZmqMonitorFormat.Version2, out NativeMonitorEvent parsed))
        {
            return null;
        }
        var values = new ulong[parsed.ValueCount];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = parsed.ValueAt(i);
        }
        if (Format == ZmqMonitorFormat.Version1)
        {
            return new ZmqMonitorEvent(parsed.Type, unchecked((int)parsed.Value), parsed.Local) { Values = values };
        }
        return new ZmqMonitorEvent(parsed.Type, unchecked((int)parsed.Value), parsed.Remote.Length > 0 ? parsed.Remote : parsed.Local)
        {
            LocalEndpoint = parsed.Local,
            RemoteEndpoint = parsed.Remote,
            Values = values,
        };
    }

    private void ReadEvents()
    {
        var frames = new List<byte[]>(2);
        try
        {
            while (true)
            {
                if (_draining)
                {
                    ReportStopped();
                    _events.Writer.TryComplete();
                }
                if (!_pair.TryReceiveMultipart(frames))
                {
                    if (_stopping)
                    {
                        break; // Stopped, and nothing more queued: libzmq sends nothing after a stop.
                    }
                    continue;
                }
                if (!_draining && ParseEvent(frames) is ZmqMonitorEvent monitorEvent)
                {
                    Deliver(monitorEvent);
                }
            }
        }
        catch (ZmqContextTerminatedException)
        {
            _socket.CloseMonitorReaderAfterShutdown(_pair);
        }
        catch (ObjectDisposedException)
        {
            // The socket closed: its handle stopped the monitor and closed the PAIR.
        }
        finally
        {
            ReportStopped();
            _events.Writer.TryComplete();
        }
    }

    // libzmq is never asked for MONITOR_STOPPED (its send could block the thread that stops the
    // monitor), so the monitor reports its own end, once.
    private void ReportStopped()
    {
        if (_reportStopped && Interlocked.Exchange(ref _stoppedReported, 1) == 0)
        {
            Deliver(new ZmqMonitorEvent(ZmqMonitorEventType.MonitorStopped, 0, string.Empty) { Values = [0] });
        }
    }

    private void Deliver(ZmqMonitorEvent monitorEvent)
    {
        _events.Writer.TryWrite(monitorEvent);
        EventReceived?.Invoke(this, monitorEvent);
    }
}
