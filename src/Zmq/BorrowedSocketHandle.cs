using Zmq.Interop;

namespace Zmq;

/// <summary>
/// What <see cref="ZmqSocket.Handle"/> hands out: the socket's pointer in a handle that does not own
/// it. Disposing it (a <c>using</c> around <c>socket.Handle</c> is an easy mistake) makes this handle
/// unusable and closes nothing, so the ZmqSocket never reaches a freed socket. It does not keep the
/// socket open either: like <c>System.Net.Sockets.Socket.Handle</c>, it is valid while the
/// ZmqSocket is not disposed.
/// </summary>
internal sealed class BorrowedSocketHandle : ZmqSocketHandle
{
    public BorrowedSocketHandle(nint socket) : base(socket, ownsHandle: false)
    {
    }
}
