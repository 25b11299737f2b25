using System.Diagnostics;

namespace Zmq;

// A refusal under "ready" waits for the next edge, never for itself.
//
// The problem. ZMQ_EVENTS is not a promise: XPUB/PUB with XPUB_NODROP (dist_t::has_out is always
// true), ROUTER with ROUTER_MANDATORY (writable while *any* peer has room) and SERVER/PEER
// (server_t::xhas_out is always true) report POLLOUT while the send to a full peer returns EAGAIN.
// An engine that parks a refused operation and then completes it because ZMQ_EVENTS says ready
// retries at once, is refused again, and loops for ever on the caller's thread.
//
// The rule. An operation is "refused under ready" when, after its attempt failed, a ZMQ_EVENTS
// read said its direction was ready and the attempt made after that read failed too. Such an
// operation parks *deaf*: marked with the value the socket's edge count had before its first
// attempt. A readiness check completes a deaf waiter only once the count has moved past its mark;
// anything else still completes it (cancellation, disposal, a fault). The count moves when the
// reactor hears the socket's descriptor fire (the ZMQ_FD edge, or a thread-safe socket's poller
// signal), and when the back-off timer below expires.
//
// Why a deaf waiter loses no wake-up. The ZMQ_EVENTS read processes every command in the socket's
// mailbox, so the attempt after it saw the effect of every command sent before that read; only a
// later command can make the operation possible (a pipe is re-activated by an activate_write or
// activate_read command; a new peer by a bind/attach command). A command sent after the read finds
// the mailbox drained (the read emptied it), so libzmq signals the descriptor: the reactor hears it
// after it was sent, hence after the mark was read (the mark is read before the first attempt,
// which is before that ZMQ_EVENTS read), increments the count, then asks for a readiness check.
// That check comes after the increment: if the waiter was parked by then the check sees the new
// count and completes it; if the waiter had not parked yet (the edge came between the refusal and
// the park) the check is dropped or deferred, but the parking operation's own release reads
// ZMQ_EVENTS and the count after the park (SocketAsyncContext.cs, rule 3; SocketAsyncContext.ThreadSafe.cs,
// rule 2), and the count has moved. The counter is the counted wake of DESIGN §7: a flag cleared
// by the waiter would lose an edge that landed between its read and its park; a count compared
// with a mark taken before the attempt cannot.
//
// Why it does not spin. A deaf waiter is completed only by a new edge or a timer expiry, each of
// which is finite: an edge is a command another thread sent, the timer fires at most once per
// interval. A retry refused under ready marks itself at a count read before it, so the edge that
// woke it cannot wake it again.
//
// The fallback. For a configuration that never signals in that state (none is known; the rule
// must not depend on knowing them all) a deaf park also schedules a re-check on the reactor: a
// timer, no thread blocked, that counts as an edge when it expires. Its interval doubles from 1 ms
// to 100 ms while the operation keeps being refused, and starts again at 1 ms once one completes,
// so a parked send costs at most ten retries a second.
//
// A signal consumed before the reactor sees it. A classic socket's ZMQ_FD is its mailbox's own
// eventfd, and every call on the socket that processes commands (the ZMQ_EVENTS read of the
// gate's release among them) reads it: epoll and poll then find it not readable and the reactor
// counts nothing. So a release that finds a deaf waiter parked first polls the descriptor (zero
// timeout) and counts a pending signal as an edge before its ZMQ_EVENTS read consumes it
// (SocketAsyncContext.cs, CompleteReadyWaiters). What is not covered: another operation's own call
// (a ROUTER's receive) consuming the signal; the back-off re-check bounds that delay to its
// interval.
//
// A refused receive parks without a ZMQ_EVENTS read when nothing else is parked (SocketAsyncContext.Operations.cs,
// RetryOrParkHeld): libzmq's non-blocking receive processes every pending command before it refuses,
// so the refusal is as fresh as a read would be, and it parks hearing, not deaf. A socket type that
// said readable and still refused (none is known on the receive side) cannot spin on that either:
// such a waiter is completed only by a readiness check, and each check needs an edge, a recheck
// (itself caused by an edge) or the release of another call's hold while it is parked (a
// synchronous call, the end of a poll or proxy, the other direction's operation), none of which the
// waiter's own retry causes; and while another operation is parked, the refused receive takes the
// full path above (read, retry, deaf when refused under ready).
//
// Spurious edges (the other direction's traffic, a subscription arriving) cost one retry each and
// are bounded by the traffic that caused them.

/// <summary>
/// A socket's count of descriptor edges heard by the reactor, and its back-off re-check timer: what
/// lets an operation refused while ZMQ_EVENTS says ready wait for the next edge instead of itself.
/// </summary>
internal sealed class ReadinessEdges
{
    /// <summary>The first back-off interval, in milliseconds.</summary>
    public const int InitialBackoffMs = 1;

    /// <summary>The longest back-off interval, in milliseconds.</summary>
    public const int MaxBackoffMs = 100;

    private int _count;
    private int _backoffMs = InitialBackoffMs;

    /// <summary>When the back-off re-check is due (Stopwatch timestamp); 0 when none is scheduled. Guarded by the reactor's timer lock.</summary>
    internal long RecheckDue;

    /// <summary>How many edges (or timer expiries) were heard so far; read before an attempt, as its mark.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The reactor heard the descriptor fire, or a back-off re-check expired: before any readiness check it causes.</summary>
    /// <remarks>The count may wrap: a count is compared with a mark by their signed difference, and 2^31 edges never pass while one operation waits.</remarks>
    public void Heard() => Interlocked.Increment(ref _count);

    /// <summary>The interval for the next re-check, doubling up to <see cref="MaxBackoffMs"/>; under the reactor's timer lock.</summary>
    internal int NextBackoffMs()
    {
        int interval = _backoffMs;
        Debug.Assert(interval is >= InitialBackoffMs and <= MaxBackoffMs, "the back-off stays within its bounds");
        _backoffMs = Math.Min(interval * 2, MaxBackoffMs);
        return interval;
    }

    /// <summary>An operation that parked completed: the next refusal starts the back-off again.</summary>
    public void ResetBackoff()
    {
        if (Volatile.Read(ref _backoffMs) != InitialBackoffMs)
        {
            Volatile.Write(ref _backoffMs, InitialBackoffMs);
        }
    }
}
