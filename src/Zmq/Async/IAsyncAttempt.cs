namespace Zmq;

/// <summary>
/// One non-blocking attempt of an asynchronous operation, made with the socket's gate held (or, on a
/// thread-safe socket, with its handle held open). Implemented by small structs in ZmqSocket, so
/// that the engine's generic methods (SocketAsyncContext.Operations.cs) are specialised for each and
/// nothing is boxed. They are <c>readonly struct</c>s, and <see cref="TryRun"/> changes nothing in
/// them: the engine passes the same value on from one attempt to the next, by reference or by copy.
/// </summary>
/// <remarks>
/// An attempt that must hand its result to user code (a buffer writer) does that in
/// <see cref="Finish"/>, which the engine runs after the gate's release but while the operation
/// still holds its direction's turn: user code never runs under the gate (it may call into the
/// socket), and the pending operations of a direction on a classic socket still finish in the order
/// they started (a thread-safe socket has no turns: its operations finish in any order).
/// </remarks>
internal interface IAsyncAttempt<TResult>
{
    /// <summary>Whether <see cref="Finish"/> has work: a constant per attempt type, folded by the JIT.</summary>
    static virtual bool FinishesOutsideGate => false;

    /// <summary>False when the call would block (EAGAIN); throws what the synchronous call would.</summary>
    bool TryRun(ZmqSocket socket, out TResult result);

    /// <summary>
    /// The second step of a successful attempt, when <see cref="FinishesOutsideGate"/>: runs once,
    /// without the gate, in the operation's turn. It owns what <see cref="TryRun"/> left in
    /// <paramref name="result"/> and releases it also when it throws.
    /// </summary>
    void Finish(ref TResult result) =>
        throw new InvalidOperationException(
            "An attempt that finishes outside the gate implements Finish itself; this default would leak its result. This is a bug in the binding.");
}
