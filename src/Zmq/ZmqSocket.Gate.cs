using System.Runtime.CompilerServices;

namespace Zmq;

// The socket's side of its gate: every native call enters and leaves through the socket's async
// context (Async/SocketAsyncContext.cs argues the gate and why it loses no wake-up).
public sealed partial class ZmqSocket
{
    private readonly SocketAsyncContext _async;

    /// <summary>The socket's engine: its gate, waiters and operation queues.</summary>
    internal SocketAsyncContext AsyncContext => _async;

    /// <summary>Takes the gate for a synchronous call; refuses a call from a second thread.</summary>
    /// <exception cref="InvalidOperationException">Another thread is in a synchronous call on this socket.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnterSync(string operation) => _async.EnterSync(operation);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ExitSync() => _async.ExitSync();

    /// <summary>For tests and the test host: some thread holds the gate now (a call is in flight, or the engine checks readiness).</summary>
    internal bool IsGateHeld => _async.IsGateHeld;
}
