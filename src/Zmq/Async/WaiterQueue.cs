using System.Diagnostics;

namespace Zmq;

/// <summary>
/// The parked operations of one direction of a thread-safe socket. Unlike a classic socket, which
/// has one waiter per direction, a thread-safe socket may have any number of operations pending at
/// once (many tasks sharing one CLIENT). Waiters are pooled, so parking allocates nothing once the
/// pool has grown to the socket's concurrency.
/// </summary>
/// <remarks>
/// Readiness wakes one parked waiter, the oldest (<see cref="WakeOne"/>); the woken operation retries
/// its call, and that call's exit wakes the next one if the socket is still ready, so a burst of
/// messages drains into as many waiters without waking them all for each. A waiter refused under
/// the readiness that woke it is skipped until the next edge (ReadinessEdges.cs). A waiter stays queued
/// after a cancellation (its entry is skipped when reached), and is queued at most once, so the
/// queue never holds more entries than there are waiters.
/// </remarks>
internal sealed class WaiterQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<AsyncWaiter> _parked = new();
    private readonly Stack<AsyncWaiter> _free = new();
    private readonly SocketAsyncContext _context;
    private readonly string _direction;

    public WaiterQueue(SocketAsyncContext context, string direction)
    {
        _context = context;
        _direction = direction;
    }

    /// <summary>A waiter for one operation, claimed for it.</summary>
    public AsyncWaiter Rent()
    {
        AsyncWaiter? waiter;
        lock (_lock)
        {
            _free.TryPop(out waiter);
        }
        waiter ??= new AsyncWaiter(_context, _direction);
        waiter.Claim();
        return waiter;
    }

    /// <summary>The operation ended: its waiter goes back to the pool.</summary>
    public void Return(AsyncWaiter waiter)
    {
        waiter.Release();
        lock (_lock)
        {
            _free.Push(waiter);
        }
    }

    /// <summary>Queues a waiter that was just parked (after <see cref="AsyncWaiter.Park"/>).</summary>
    public void Enqueue(AsyncWaiter waiter)
    {
        lock (_lock)
        {
            if (!waiter.Queued)
            {
                waiter.Queued = true;
                _parked.Enqueue(waiter);
            }
        }
    }

    /// <summary>
    /// Completes the oldest waiter still parked that is not deaf at <paramref name="edgeCount"/>, if
    /// any. A deaf one (refused under this readiness, no edge since) stays queued, behind the others.
    /// </summary>
    public void WakeOne(int edgeCount)
    {
        // All under the lock, so a deaf waiter is never out of the queue while FailAll takes its
        // snapshot. Completing here runs no continuation inline (RunContinuationsAsynchronously).
        lock (_lock)
        {
            for (int left = _parked.Count; left > 0; left--)
            {
                AsyncWaiter waiter = _parked.Dequeue();
                Debug.Assert(waiter.Queued, "a queued waiter is marked so");
                switch (waiter.TryCompleteReady(edgeCount))
                {
                    case AsyncWaiter.Wake.Completed:
                        waiter.Queued = false;
                        return;
                    case AsyncWaiter.Wake.Deaf:
                        _parked.Enqueue(waiter); // still parked, still queued: to the back
                        break;
                    default:
                        waiter.Queued = false; // cancelled or failed meanwhile: the entry is dropped
                        break;
                }
            }
        }
    }

    /// <summary>Fails every parked waiter with <paramref name="error"/> (disposal, a reactor fault).</summary>
    public void FailAll(Exception error)
    {
        AsyncWaiter[] parked;
        lock (_lock)
        {
            parked = [.. _parked];
            _parked.Clear();
            foreach (AsyncWaiter waiter in parked)
            {
                waiter.Queued = false;
            }
        }
        foreach (AsyncWaiter waiter in parked)
        {
            waiter.TryFail(error);
        }
    }
}
