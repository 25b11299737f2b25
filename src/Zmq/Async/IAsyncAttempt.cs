namespace Zmq;

/// <summary>
/// One non-blocking attempt of an asynchronous operation, made with the socket's gate held (or, on a
/// thread-safe socket, with its handle held open). Implemented by small structs in ZmqSocket, so
/// that the engine's generic methods (SocketAsyncContext.Operations.cs) are specialised for each and
/// nothing is boxed.
/// </summary>
internal interface IAsyncAttempt<TResult>
{
    /// <summary>False when the call would block (EAGAIN); throws what the synchronous call would.</summary>
    bool TryRun(ZmqSocket socket, out TResult result);
}
