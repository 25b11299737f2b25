
namespace Zmq.Tests.Support;

/// <summary>
/// Waits for the event a test depends on, with a deadline, instead of sleeping and hoping it came:
/// a slow machine (an emulator, a busy CI core) takes longer than any fixed pause, and a fast one
/// wastes it. Every wait throws <see cref="TimeoutException"/> after <see cref="TestSockets.Timeout"/>.
/// (<see cref="TestSockets.WaitForSubscription"/> is the PUB/SUB one: it publishes until a probe arrives.)
/// </summary>
internal static class EventWaits
{
    /// <summary>
    /// Starts watching <paramref name="socket"/> for completed handshakes; create it before the peers
    /// connect, on the thread that uses the socket, and pass it to <see cref="WaitForPeers"/>.
    /// </summary>
    public static ZmqMonitor WatchHandshakes(ZmqSocket socket) => new(socket, ZmqMonitorEventType.HandshakeSucceeded);

    /// <summary>
    /// Returns once <paramref name="socket"/> has a pipe to each of <paramref name="count"/> peers, so
    /// that a PUSH or DEALER round-robins over all of them from its next send.
    /// </summary>
    /// <remarks>
    /// Over tcp and ipc the binding side creates a peer's pipe when the ZMTP handshake completes:
    /// libzmq 4.3 (stream_engine_base_t::mechanism_ready) posts the pipe to the socket before it emits
    /// HandshakeSucceeded, so after <paramref name="count"/> such events every pipe is in the
    /// socket's command queue. inproc has no handshake and no event: its connect posts the pipe
    /// before it returns, so call this after the peers' Connect calls have returned. Either way,
    /// reading ZMQ_EVENTS then makes the socket process its queued commands (unthrottled, unlike a
    /// send), which attaches the pipes.
    /// </remarks>
    public static void WaitForPeers(this ZmqMonitor monitor, ZmqSocket socket, string transport, int count)
    {
        if (transport != "inproc")
        {
            var deadline = DateTime.UtcNow + TestSockets.Timeout;
            for (int i = 0; i < count; i++)
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !monitor.WaitFor(ZmqMonitorEventType.HandshakeSucceeded, left, out _))
                {
                    throw new TimeoutException($"{i} of {count} peers completed the handshake within {TestSockets.Timeout.TotalSeconds} s");
                }
            }
        }
        _ = socket.Events;
    }

    /// <summary>
    /// Returns once a message is ready to be received on <paramref name="socket"/> (ZMQ_EVENTS has
    /// POLLIN), without receiving it.
    /// </summary>
    public static void WaitUntilReadable(ZmqSocket socket) =>
        Until(() => (socket.Events & ZmqPollEvents.In) != 0, "the socket never became readable");

    /// <summary>
    /// Returns once another thread is inside a synchronous call on <paramref name="socket"/> (a
    /// classic, not thread-safe socket), so that a Dispose or Shutdown meets a call in flight.
    /// </summary>
    /// <remarks>
    /// The call holds the socket's gate from just before its native call until just after it
    /// (src/Zmq/Async/SocketAsyncContext.cs). A blocking receive is then at most a few instructions from its
    /// wait inside libzmq, and whatever interrupts it meets the call, not a socket nobody is using.
    /// </remarks>
    public static void WaitUntilInCall(ZmqSocket socket) =>
        Until(() => socket.IsGateHeld, "no thread entered a call on the socket");

    /// <summary>Polls <paramref name="condition"/> until it holds; throws with <paramref name="what"/> at the deadline.</summary>
    public static void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestSockets.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what} (waited {TestSockets.Timeout.TotalSeconds} s)");
            }
            // A polling interval, not a guess at how long the event takes: the deadline bounds the wait.
            Thread.Sleep(1);
        }
    }
}
