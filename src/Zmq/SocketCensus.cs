using System.Diagnostics;

namespace Zmq;

// Which sockets of a context are still open, in the two senses ZmqContext.Dispose needs.
//
// ZmqContext.Dispose promises that an orderly dispose (every socket, then the context) returns once
// the sockets' queues were delivered or their lingers ran out: zmq_ctx_term, which waits for that,
// runs on the disposing thread when its release of the context handle is the last one. A socket its
// owner disposed can still be held for a moment by the binding itself: the async engine reading
// ZMQ_EVENTS under its gate, a call in flight on another thread (the context's shutdown ends a
// blocking one with ETERM), the peer table's or a monitor's reader. The native socket then closes
// (and lets go of the context) when that holder lets go; had that come after the disposing thread's
// release, zmq_ctx_term ran on a background thread and Dispose returned before the lingers ran (the
// hosting drain logged "delivered in 0 s" while a socket still lingered with its queue).
//
// So the census counts, per context, the sockets whose owner has not disposed them (Owned) and the
// native sockets not closed yet (Native: until zmq_close has returned and the socket's reference on
// the context is released). When Owned is zero, Dispose first waits for Native to reach zero, then
// releases its own reference, which is then the last: zmq_ctx_term runs inline and waits for the
// lingers. The wait is bounded (TransientHoldLimit): a hold that does not end on its own (a zmq_poll
// of a paused poller item, a proxy's capture socket, a callback on the holding thread that disposes
// the context) costs that long, then the termination runs where the last holder lets go, as it did
// before. A socket still owned makes Dispose return at once: zmq_ctx_term waits for its owner, who
// may never come. What the census does not see (a raw ZmqSocketHandle on the context's Handle)
// never makes Dispose wait: its termination follows that handle's close, off the disposing thread.
// Monitor readers close with the socket they watch, so they count as Native only.
internal sealed class SocketCensus
{
    /// <summary>How long <see cref="WaitForNativeCloses"/> waits for holds that should end at once.</summary>
    internal static readonly TimeSpan TransientHoldLimit = TimeSpan.FromSeconds(5);

    private readonly object _closedGate = new(); // a Monitor, for Wait and PulseAll (System.Threading.Lock has neither)
    private int _owned;
    private int _native;

    /// <summary>Sockets whose owner has not disposed them.</summary>
    public int Owned => Volatile.Read(ref _owned);

    public void OwnerOpened() => Interlocked.Increment(ref _owned);

    public void OwnerClosed()
    {
        int owned = Interlocked.Decrement(ref _owned);
        Debug.Assert(owned >= 0, "every owner close matches an open");
    }

    public void NativeOpened() => Interlocked.Increment(ref _native);

    /// <summary>After <c>zmq_close</c> and the release of the socket's reference on the context; any thread, the finalizer's included.</summary>
    public void NativeClosed()
    {
        int native = Interlocked.Decrement(ref _native);
        Debug.Assert(native >= 0, "every native close matches an open");
        if (native == 0)
        {
            lock (_closedGate)
            {
                Monitor.PulseAll(_closedGate);
            }
        }
    }

    /// <summary>Waits until every native socket is closed, or <paramref name="limit"/> has passed.</summary>
    public void WaitForNativeCloses(TimeSpan limit)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        lock (_closedGate)
        {
            while (Volatile.Read(ref _native) != 0)
            {
                TimeSpan left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (left <= TimeSpan.Zero || !Monitor.Wait(_closedGate, left))
                {
                    return; // a hold that does not end on its own: the termination runs where it lets go
                }
            }
        }
    }
}
