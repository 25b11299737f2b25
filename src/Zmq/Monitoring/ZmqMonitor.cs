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
    private int _disposed;

    /// <summary>Starts monitoring <paramref name="socket"/> for the <paramref name="events"/> given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    /// <exception cref="ZmqException">libzmq refused to monitor the socket.</exception>
    public unsafe ZmqMonitor(ZmqSocket socket, ZmqMonitorEventType events = ZmqMonitorEventType.All)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        Endpoint = $"inproc://zmq-monitor-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
        Span<byte> scratch = stackalloc byte[128];
        using (var address = Utf8Buffer.ForCString(Endpoint, scratch, nameof(Endpoint)))
        {
            fixed (byte* p = address.NulTerminated)
            {
                if (LibZmq.zmq_socket_monitor(socket.Handle, p, (int)events) != 0)
                {
                    ThrowHelper.ThrowLastError("zmq_socket_monitor", Endpoint);
                }
            }
        }
        try
        {
            _pair = socket.Context.CreateHelperSocket(ZmqSocketType.Pair, TimeSpan.FromMilliseconds(100), s => s.Connect(Endpoint));
        }
        catch
        {
            StopNativeMonitor(); // Nobody will read the events: do not leave libzmq publishing them.
            throw;
        }
        _reader = new Thread(ReadEvents) { IsBackground = true, Name = "zmq-monitor" };
        _reader.Start();
    }

    /// <summary>The inproc endpoint libzmq publishes the events on.</summary>
    public string Endpoint { get; }

    /// <summary>Raised on the monitor's reader thread for every event. Handlers must not throw.</summary>
    public event EventHandler<ZmqMonitorEvent>? EventReceived;

    /// <summary>Takes the next event if one arrives within <paramref name="timeout"/>.</summary>
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
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // Stop libzmq's side first, while the reader is still attached (pyzmq#1020): a monitor
        // left running with its reader closed keeps the socket from handling a lost connection
        // (sends kept queueing into the dead pipe and a returning peer was never served).
        StopNativeMonitor();
        _stopping = true;
        // The reader wakes at least every 100 ms (its receive timeout) to see the flag.
        if (Thread.CurrentThread != _reader)
        {
            _reader.Join(TimeSpan.FromSeconds(5));
        }
        _pair.Dispose();
        _events.Writer.TryComplete();
    }

    private unsafe void StopNativeMonitor()
    {
        if (_socket.IsDisposed)
        {
            return; // Closing the socket ended its monitor.
        }
        try
        {
            // Fails only when the context is terminated, which ends the monitor anyway.
            _ = LibZmq.zmq_socket_monitor(_socket.Handle, null, 0);
        }
        catch (ObjectDisposedException)
        {
            // The socket was disposed meanwhile; its monitor went with it.
        }
    }

    private void ReadEvents()
    {
        var frames = new List<byte[]>(2);
        try
        {
            while (!_stopping)
            {
                if (!_pair.TryReceiveMultipart(frames))
                {
                    continue;
                }
                if (frames.Count < 2 || frames[0].Length < 6)
                {
                    continue; // Not a monitor event of the 4.3 format; ignore rather than crash.
                }
                var monitorEvent = new ZmqMonitorEvent(
                    (ZmqMonitorEventType)BitConverter.ToUInt16(frames[0], 0),
                    BitConverter.ToInt32(frames[0], 2),
                    System.Text.Encoding.UTF8.GetString(frames[1]));
                _events.Writer.TryWrite(monitorEvent);
                EventReceived?.Invoke(this, monitorEvent);
                if (monitorEvent.Type == ZmqMonitorEventType.MonitorStopped)
                {
                    break;
                }
            }
        }
        catch (ZmqContextTerminatedException)
        {
            // The context was shut down: the monitor ends with it.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
