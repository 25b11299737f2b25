using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zmq.Interop;

namespace Zmq;

// The socket's side of the Zmq meter: its counter block (SocketMeters.cs says why plain fields are
// safe), its name tag, and its peer table.
public sealed partial class ZmqSocket
{
    // Created with the socket, so a listener that subscribes later still sees every frame sent.
    private readonly SocketMeters _meters;
    private ZmqPeerTable? _peers;

    /// <summary>
    /// A name for the socket, reported as the <c>zeromq.socket.name</c> tag on the <see cref="ZmqTelemetry.MeterName"/>
    /// metrics and as the destination of its <see cref="ZmqTelemetry.ActivitySourceName"/> activities; null
    /// (the default) leaves the tag out. Safe to read from any thread.
    /// </summary>
    /// <remarks>Set it before the socket carries traffic: the message and byte counters are summed per
    /// (type, name), so renaming a socket moves its totals from one series to the other.</remarks>
    public string? Name
    {
        get => _meters.Name;
        set => _meters.Name = value;
    }

    /// <summary>Tests: the peer table reads the version 1 event format even where libzmq has version 2,
    /// so the logic for libraries without the draft API runs on every machine. Set before reading <see cref="Peers"/>.</summary>
    internal bool PeerTableVersion1 { get; set; }

    /// <summary>The counter block, for tests and the activity helpers.</summary>
    internal SocketMeters Meters => _meters;

    /// <summary>
    /// The socket's peer table: one row per endpoint it listens on or connects to, and per accepted
    /// connection, kept from its monitor events.
    /// </summary>
    /// <remarks>
    /// The first read starts tracking (a <c>zmq_socket_monitor(3)</c> on the socket, read by the async
    /// engine, no thread of its own), so make it from the thread that uses the socket, before it
    /// connects or binds, to see every event; later reads are safe from any thread. Tracking also feeds
    /// the connection instruments of the <see cref="ZmqTelemetry.MeterName"/> meter, and ends when the
    /// socket or its context is disposed. A tracked socket is held by its monitor loop until then, as
    /// one whose asynchronous operation ever waited is: dispose it, the finalizer never sees it. A
    /// socket libzmq forwards for (<see cref="ZmqProxy"/>) counts no frames: they never pass the binding.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The first read on a disposed socket.</exception>
    /// <exception cref="InvalidOperationException">The first read while another thread is in a synchronous call on the socket.</exception>
    public ZmqPeerTable Peers
    {
        get
        {
            ZmqPeerTable? peers = Volatile.Read(ref _peers);
            return peers ?? StartPeerTracking();
        }
    }

    private ZmqPeerTable StartPeerTracking()
    {
        ThrowIfDisposed();
        var peers = new ZmqPeerTable(this);
        if (Interlocked.CompareExchange(ref _peers, peers, null) is ZmqPeerTable earlier)
        {
            return earlier;
        }
        try
        {
            peers.Start();
        }
        catch
        {
            // Not started (another thread was in a call, or the socket closed): unpublish it, so
            // the next read tries again instead of finding a table that never updates.
            Interlocked.CompareExchange(ref _peers, null, peers);
            peers.Stop();
            throw;
        }
        if (IsDisposed)
        {
            peers.Stop(); // Dispose ran between the check and the publication: it may have missed it.
        }
        return peers;
    }

    /// <summary>Counts one frame sent, and traces it if a listener samples it; the caller holds the gate (or, thread-safe types, a reference).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountSent(int bytes) => CountFrame(ref _meters.SentMessages, ref _meters.SentBytes, bytes, sending: true);

    /// <summary>Counts one frame received; the caller holds the gate (or, thread-safe types, a reference).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountReceived(int bytes) => CountFrame(ref _meters.ReceivedMessages, ref _meters.ReceivedBytes, bytes, sending: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountFrame(ref long frames, ref long byteCount, int bytes, bool sending)
    {
        if (_threadSafe)
        {
            // No gate on a thread-safe type: calls from many threads count at once.
            Interlocked.Increment(ref frames);
            Interlocked.Add(ref byteCount, bytes);
        }
        else
        {
            Debug.Assert(IsGateHeld, "a classic socket's counters are written only under its gate (SocketMeters.cs)");
            frames++;
            byteCount += bytes;
        }
        if (ZmqActivities.WantFrames())
        {
            ZmqActivities.Frame(this, sending, bytes);
        }
    }
}
